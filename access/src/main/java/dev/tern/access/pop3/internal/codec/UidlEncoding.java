package dev.tern.access.pop3.internal.codec;

import java.util.Locale;
import java.util.Optional;

/**
 * The UIDL value of a message, derived only from its IMAP UID and the mailbox UIDVALIDITY so it is
 * stable across sessions and the same for every server that reads the store. The layout matches
 * Dovecot's "%08Xu%08Xv" (UID then UIDVALIDITY, eight upper-case hex digits each), so a maildrop
 * migrated between the two keeps its UIDLs and clients do not download everything again. The value
 * is 16 characters of 0-9 and A-F: inside RFC 1939's 0x21-0x7E and 70-character bounds.
 */
public final class UidlEncoding {

  /** The pair a UIDL value stands for. */
  public record UidPair(long uidValidity, long uid) {
  }

  private static final long MAX_U32 = 0xFFFF_FFFFL;
  private static final int HEX_DIGITS = 8;
  private static final int LENGTH = 2 * HEX_DIGITS;

  private UidlEncoding() {
  }

  /** @throws IllegalArgumentException unless both are in 1..2^32-1 (RFC 3501 non-zero 32-bit) */
  public static String encode(long uidValidity, long uid) {
    requireU32(uidValidity, "UIDVALIDITY");
    requireU32(uid, "UID");
    return hex(uid) + hex(uidValidity);
  }

  /** The pair inside a UIDL value this class produced; empty for anything else. */
  public static Optional<UidPair> decode(String uidl) {
    if (uidl.length() != LENGTH) {
      return Optional.empty();
    }
    for (int i = 0; i < LENGTH; i++) {
      char c = uidl.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'F'))) {
        return Optional.empty();
      }
    }
    long uid = Long.parseLong(uidl.substring(0, HEX_DIGITS), 16);
    long uidValidity = Long.parseLong(uidl.substring(HEX_DIGITS), 16);
    if (uid == 0 || uidValidity == 0) {
      return Optional.empty();
    }
    return Optional.of(new UidPair(uidValidity, uid));
  }

  private static String hex(long value) {
    String digits = Long.toHexString(value).toUpperCase(Locale.ROOT);
    return "0".repeat(HEX_DIGITS - digits.length()) + digits;
  }

  private static void requireU32(long value, String name) {
    if (value < 1 || value > MAX_U32) {
      throw new IllegalArgumentException(name + " out of range: " + value);
    }
  }
}
