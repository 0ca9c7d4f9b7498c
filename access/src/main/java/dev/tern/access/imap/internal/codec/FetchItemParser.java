package dev.tern.access.imap.internal.codec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/** Reads the FETCH attribute list (RFC 3501 section 6.4.5): a macro, one item, or a parenthesised list. */
final class FetchItemParser {

  private static final List<FetchItem> FAST =
      List.of(FetchItem.Attribute.FLAGS, FetchItem.Attribute.INTERNALDATE, FetchItem.Attribute.RFC822_SIZE);
  private static final List<FetchItem> ALL = List.of(FetchItem.Attribute.FLAGS, FetchItem.Attribute.INTERNALDATE,
      FetchItem.Attribute.RFC822_SIZE, FetchItem.Attribute.ENVELOPE);
  private static final List<FetchItem> FULL = List.of(FetchItem.Attribute.FLAGS, FetchItem.Attribute.INTERNALDATE,
      FetchItem.Attribute.RFC822_SIZE, FetchItem.Attribute.ENVELOPE, FetchItem.Attribute.BODY);
  private static final int MAX_PART_DEPTH = 32;

  private final ArgumentReader in;

  FetchItemParser(ArgumentReader in) {
    this.in = in;
  }

  List<FetchItem> items() {
    if (in.peek() == '(') {
      in.open();
      List<FetchItem> items = new ArrayList<>();
      items.add(item());
      while (!in.close()) {
        in.sp();
        items.add(item());
      }
      return items;
    }
    if (in.skipWord("ALL")) {
      return ALL;
    }
    if (in.skipWord("FAST")) {
      return FAST;
    }
    if (in.skipWord("FULL")) {
      return FULL;
    }
    return List.of(item());
  }

  private FetchItem item() {
    // The name stops at '[' because section text is not an atom; '[' itself is an atom char.
    String name = in.run(c -> ImapSyntax.isAtomChar(c) && c != '[', "expected a fetch item")
        .toUpperCase(Locale.ROOT);
    return switch (name) {
      case "FLAGS" -> FetchItem.Attribute.FLAGS;
      case "INTERNALDATE" -> FetchItem.Attribute.INTERNALDATE;
      case "RFC822.SIZE" -> FetchItem.Attribute.RFC822_SIZE;
      case "ENVELOPE" -> FetchItem.Attribute.ENVELOPE;
      case "BODYSTRUCTURE" -> FetchItem.Attribute.BODYSTRUCTURE;
      case "UID" -> FetchItem.Attribute.UID;
      case "MODSEQ" -> FetchItem.Attribute.MODSEQ;
      case "RFC822" -> FetchItem.Attribute.RFC822;
      case "RFC822.HEADER" -> FetchItem.Attribute.RFC822_HEADER;
      case "RFC822.TEXT" -> FetchItem.Attribute.RFC822_TEXT;
      case "BODY" -> in.peek() == '[' ? bodySection(false) : FetchItem.Attribute.BODY;
      case "BODY.PEEK" -> bodySection(true);
      default -> throw new BadSyntax("unknown fetch item");
    };
  }

  private FetchItem bodySection(boolean peek) {
    in.expect('[');
    SectionSpec section = section();
    in.expect(']');
    OptionalLong offset = OptionalLong.empty();
    OptionalLong length = OptionalLong.empty();
    if (in.skip('<')) {
      offset = OptionalLong.of(in.number());
      in.expect('.');
      length = OptionalLong.of(in.nzNumber());
      in.expect('>');
    }
    return new FetchItem.BodySection(section, peek, offset, length);
  }

  private SectionSpec section() {
    List<Integer> part = new ArrayList<>();
    while (in.peek() >= '0' && in.peek() <= '9') {
      if (part.size() == MAX_PART_DEPTH) {
        throw new BadSyntax("section part path too deep");
      }
      part.add((int) Math.min(Integer.MAX_VALUE, in.nzNumber()));
      if (!in.skip('.')) {
        return new SectionSpec(part, SectionSpec.Kind.ALL, List.of());
      }
    }
    if (in.peek() == ']') {
      if (!part.isEmpty()) {
        throw new BadSyntax("section ends with '.'");
      }
      return SectionSpec.whole();
    }
    String text = in.run(c -> ImapSyntax.isAtomChar(c) && c != '[', "bad section").toUpperCase(Locale.ROOT);
    return switch (text) {
      case "HEADER" -> new SectionSpec(part, SectionSpec.Kind.HEADER, List.of());
      case "TEXT" -> new SectionSpec(part, SectionSpec.Kind.TEXT, List.of());
      case "MIME" -> {
        if (part.isEmpty()) {
          throw new BadSyntax("MIME needs a part number");
        }
        yield new SectionSpec(part, SectionSpec.Kind.MIME, List.of());
      }
      case "HEADER.FIELDS" -> new SectionSpec(part, SectionSpec.Kind.HEADER_FIELDS, headerList());
      case "HEADER.FIELDS.NOT" -> new SectionSpec(part, SectionSpec.Kind.HEADER_FIELDS_NOT, headerList());
      default -> throw new BadSyntax("bad section");
    };
  }

  private List<String> headerList() {
    in.sp();
    in.open();
    List<String> fields = new ArrayList<>();
    fields.add(fieldName());
    while (!in.close()) {
      in.sp();
      fields.add(fieldName());
    }
    return fields;
  }

  private String fieldName() {
    String name = in.astring();
    if (name.isEmpty()) {
      throw new BadSyntax("empty header field name");
    }
    return name;
  }
}
