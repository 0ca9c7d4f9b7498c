package dev.tern.access.mailbox;

import java.util.Locale;
import java.util.Optional;

/** RFC 6154 special-use attributes; each new account gets one mailbox per value, named {@link #defaultName()}. */
public enum SpecialUse {
  DRAFTS("\\Drafts", "Drafts"),
  SENT("\\Sent", "Sent"),
  TRASH("\\Trash", "Trash"),
  JUNK("\\Junk", "Junk"),
  ARCHIVE("\\Archive", "Archive");

  private final String attribute;
  private final String defaultName;

  SpecialUse(String attribute, String defaultName) {
    this.attribute = attribute;
    this.defaultName = defaultName;
  }

  /** The IMAP attribute, e.g. {@code \Sent}. */
  public String attribute() {
    return attribute;
  }

  public String defaultName() {
    return defaultName;
  }

  public static Optional<SpecialUse> fromAttribute(String attribute) {
    for (SpecialUse use : values()) {
      if (use.attribute.toLowerCase(Locale.ROOT).equals(attribute.toLowerCase(Locale.ROOT))) {
        return Optional.of(use);
      }
    }
    return Optional.empty();
  }
}
