package dev.tern.access.imap.internal.codec;

import java.util.ArrayList;
import java.util.List;

/** Grammar elements several commands share: mailbox names and flag lists. */
final class Arguments {

  private Arguments() {
  }

  /** A mailbox astring, decoded from modified UTF-7; "INBOX" in any case becomes "INBOX". */
  static String mailbox(ArgumentReader in) {
    return decodeMailbox(in.astring());
  }

  static String decodeMailbox(String wire) {
    if (wire.equalsIgnoreCase("INBOX")) {
      return "INBOX";
    }
    try {
      return ModifiedUtf7.decode(wire);
    } catch (IllegalArgumentException e) {
      throw new BadSyntax(e.getMessage());
    }
  }

  /** {@code (flag *(SP flag))} or {@code ()}; system flags keep their backslash. */
  static List<String> flagList(ArgumentReader in) {
    in.open();
    List<String> flags = new ArrayList<>();
    if (in.close()) {
      return flags;
    }
    flags.add(flag(in));
    while (!in.close()) {
      in.sp();
      flags.add(flag(in));
    }
    return flags;
  }

  /** A flag: {@code \atom} or a keyword atom. */
  static String flag(ArgumentReader in) {
    return in.skip('\\') ? "\\" + in.atom() : in.atom();
  }

  /** Flags given either as a parenthesised list or, as STORE allows, bare and space separated. */
  static List<String> flagsListOrBare(ArgumentReader in) {
    if (in.peek() == '(') {
      return flagList(in);
    }
    List<String> flags = new ArrayList<>();
    flags.add(flag(in));
    while (!in.atEnd()) {
      in.sp();
      flags.add(flag(in));
    }
    return flags;
  }
}
