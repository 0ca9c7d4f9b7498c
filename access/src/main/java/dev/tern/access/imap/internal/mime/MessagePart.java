package dev.tern.access.imap.internal.mime;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One entity of a message (the message itself, a body part, or the message inside a message/rfc822 part)
 * as offsets into the raw message plus the header values IMAP reports. Header values are the raw unfolded
 * text after the colon with surrounding white space removed, one char per octet (ISO-8859-1), so 8-bit
 * and encoded words come out exactly as stored; only a field's first occurrence is kept.
 *
 * @param headerStart offset of the first header byte
 * @param bodyStart offset just after the blank line ending the header (or where the header stopped)
 * @param bodyEnd offset just after the body (a boundary's preceding line break is not part of the body)
 * @param bodyLines lines in the body: line feeds, plus one for a last line without one
 * @param type lower-case media type as mime4j decided it (defaults and invalid types included)
 * @param subtype lower-case media subtype
 * @param fields every header field in order, for HEADER.FIELDS
 * @param values first value of each header field IMAP reports, by lower-case name
 * @param children parts of a multipart (empty otherwise)
 * @param message the encapsulated message of a message/rfc822 part, when it was parsed
 */
public record MessagePart(long headerStart, long bodyStart, long bodyEnd, long bodyLines, String type,
                          String subtype, List<HeaderField> fields, Map<String, String> values,
                          List<MessagePart> children, Optional<MessagePart> message) {

    public MessagePart {
        fields = List.copyOf(fields);
        values = Map.copyOf(values);
        children = List.copyOf(children);
    }

    public boolean isMultipart() {
        return type.equals("multipart");
    }

    public long bodySize() {
        return bodyEnd - bodyStart;
    }

    /** The first value of a header field, by lower-case name, if IMAP needs it and it is present. */
    public Optional<String> value(String lowerCaseName) {
        return Optional.ofNullable(values.get(lowerCaseName));
    }
}
