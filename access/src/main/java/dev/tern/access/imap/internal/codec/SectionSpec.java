package dev.tern.access.imap.internal.codec;

import java.util.List;
import java.util.Locale;

/**
 * The {@code [section]} of BODY[...] (RFC 3501 section 6.4.5): an optional part path such as 1.2.3 and a
 * text specifier. {@code fields} are upper-cased header names for HEADER.FIELDS and HEADER.FIELDS.NOT (header
 * names match case-insensitively). One type for the parser, the response name and the MIME section resolver;
 * the partial {@code <origin.length>} travels beside it in {@link FetchItem.BodySection}.
 */
public record SectionSpec(List<Integer> part, Kind kind, List<String> fields) {

  /** What of the (sub)message is meant. */
  public enum Kind {
    /** The whole message or part: BODY[] or BODY[1.2]. */
    ALL(""),
    HEADER("HEADER"),
    HEADER_FIELDS("HEADER.FIELDS"),
    HEADER_FIELDS_NOT("HEADER.FIELDS.NOT"),
    TEXT("TEXT"),
    /** The MIME header of a part; only with a part path. */
    MIME("MIME");

    private final String wire;

    Kind(String wire) {
      this.wire = wire;
    }
  }

  public SectionSpec {
    part = List.copyOf(part);
    if (part.stream().anyMatch(number -> number < 1)) {
      throw new IllegalArgumentException("part numbers start at 1");
    }
    fields = fields.stream().map(f -> f.toUpperCase(Locale.ROOT)).toList();
    if (kind == Kind.MIME && part.isEmpty()) {
      throw new IllegalArgumentException("MIME needs a part number");
    }
    if ((kind == Kind.HEADER_FIELDS || kind == Kind.HEADER_FIELDS_NOT) == fields.isEmpty()) {
      throw new IllegalArgumentException("header fields go with HEADER.FIELDS only");
    }
  }

  public static SectionSpec whole() {
    return new SectionSpec(List.of(), Kind.ALL, List.of());
  }

  /** A section without header field names, e.g. {@code of(Kind.MIME, 1, 2)} for {@code 1.2.MIME}. */
  public static SectionSpec of(Kind kind, Integer... part) {
    return new SectionSpec(List.of(part), kind, List.of());
  }

  /** The section as echoed in a FETCH response, e.g. {@code 1.2.HEADER.FIELDS (DATE FROM)}. */
  public String wire() {
    StringBuilder out = new StringBuilder();
    for (int number : part) {
      if (!out.isEmpty()) {
        out.append('.');
      }
      out.append(number);
    }
    if (kind != Kind.ALL) {
      if (!out.isEmpty()) {
        out.append('.');
      }
      out.append(kind.wire);
    }
    if (!fields.isEmpty()) {
      out.append(" (").append(String.join(" ", fields)).append(')');
    }
    return out.toString();
  }
}
