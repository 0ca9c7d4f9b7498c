package dev.tern.access.imap.internal.codec;

import java.util.OptionalLong;

/** One FETCH data item (RFC 3501 section 6.4.5, MODSEQ from RFC 7162); the macros ALL/FAST/FULL are expanded. */
public sealed interface FetchItem {

  /** The items without arguments; {@link #wire()} is the name used in the response. */
  enum Attribute implements FetchItem {
    FLAGS("FLAGS"),
    INTERNALDATE("INTERNALDATE"),
    RFC822_SIZE("RFC822.SIZE"),
    ENVELOPE("ENVELOPE"),
    /** BODY without a section: the non-extensible BODYSTRUCTURE. */
    BODY("BODY"),
    BODYSTRUCTURE("BODYSTRUCTURE"),
    UID("UID"),
    MODSEQ("MODSEQ"),
    /** The whole message; sets \Seen like BODY[]. */
    RFC822("RFC822"),
    /** The header; does not set \Seen. */
    RFC822_HEADER("RFC822.HEADER"),
    /** The body text; sets \Seen. */
    RFC822_TEXT("RFC822.TEXT");

    private final String wire;

    Attribute(String wire) {
      this.wire = wire;
    }

    public String wire() {
      return wire;
    }
  }

  /**
   * BODY[section]&lt;partial&gt; or BODY.PEEK[...] ({@code peek}: do not set \Seen). {@code partialOffset} and
   * {@code partialLength} are empty without a partial.
   */
  record BodySection(SectionSpec section, boolean peek, OptionalLong partialOffset, OptionalLong partialLength)
      implements FetchItem {

    /** The response item name, e.g. {@code BODY[HEADER]<0>} (the origin octet only, RFC 3501 7.4.2). */
    public String responseName() {
      String name = "BODY[" + section.wire() + "]";
      return partialOffset.isPresent() ? name + "<" + partialOffset.getAsLong() + ">" : name;
    }
  }
}
