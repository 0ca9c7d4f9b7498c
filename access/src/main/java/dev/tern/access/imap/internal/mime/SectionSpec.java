package dev.tern.access.imap.internal.mime;

import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * A parsed BODY[section]&lt;origin.length&gt; as RFC 3501 6.4.5 defines it (the IMAP codec parses the wire
 * form into this).
 *
 * @param path part numbers, empty for the whole message
 * @param text what of the addressed part is wanted
 * @param fieldNames header field names for HEADER.FIELDS and HEADER.FIELDS.NOT, else empty
 * @param origin first octet of a partial fetch
 * @param length octets of a partial fetch (only with an origin)
 */
public record SectionSpec(List<Integer> path, Text text, List<String> fieldNames, OptionalLong origin,
                          OptionalLong length) {

    /** The section-text forms; {@code CONTENT} is a bare part number (or BODY[] for the whole message). */
    public enum Text { CONTENT, HEADER, HEADER_FIELDS, HEADER_FIELDS_NOT, TEXT, MIME }

    public SectionSpec {
        path = List.copyOf(path);
        fieldNames = fieldNames.stream().map(name -> name.toLowerCase(Locale.ROOT)).toList();
        if (path.stream().anyMatch(n -> n < 1)) {
            throw new IllegalArgumentException("part numbers start at 1");
        }
        if (text == Text.MIME && path.isEmpty()) {
            throw new IllegalArgumentException("MIME needs a part number");
        }
        if (length.isPresent() && origin.isEmpty()) {
            throw new IllegalArgumentException("partial length without origin");
        }
    }

    public static SectionSpec of(List<Integer> path, Text text, String... fieldNames) {
        return new SectionSpec(path, text, List.of(fieldNames), OptionalLong.empty(), OptionalLong.empty());
    }

    /** The same section with &lt;origin.length&gt;. */
    public SectionSpec partial(long from, long octets) {
        if (from < 0 || octets < 0) {
            throw new IllegalArgumentException("negative partial range");
        }
        return new SectionSpec(path, text, fieldNames, OptionalLong.of(from), OptionalLong.of(octets));
    }
}
