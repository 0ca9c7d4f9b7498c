package dev.tern.access.imap.internal.codec;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.Collection;

/**
 * Writes strings the way a server must send them (RFC 3501 section 4.3): a quoted string when the text is
 * short 7-bit without CR, LF or NUL, else a literal ({@code {n}CRLF} then the UTF-8 octets); an atom only
 * where the grammar allows an astring and the text is all ASTRING-CHARs (and not "NIL").
 */
public final class ImapStrings {

  /** Longer text goes as a literal so no quoted string grows unbounded on a line. */
  static final int MAX_QUOTED = 1000;

  private ImapStrings() {
  }

  /** string: quoted or literal. */
  public static Buffer string(Buffer out, String text) {
    if (quotable(text)) {
      out.appendByte((byte) '"');
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (c == '"' || c == '\\') {
          out.appendByte((byte) '\\');
        }
        out.appendByte((byte) c);
      }
      return out.appendByte((byte) '"');
    }
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    return out.appendString("{" + bytes.length + "}\r\n").appendBytes(bytes);
  }

  /** astring: an atom when possible, else {@link #string}. */
  public static Buffer astring(Buffer out, String text) {
    if (isAtom(text)) {
      return out.appendString(text, "US-ASCII");
    }
    return string(out, text);
  }

  /** nstring: NIL for null, else {@link #string}. */
  public static Buffer nstring(Buffer out, String text) {
    return text == null ? out.appendString("NIL") : string(out, text);
  }

  /** A mailbox name, encoded in modified UTF-7 ("INBOX" stays as is). */
  public static Buffer mailbox(Buffer out, String name) {
    return astring(out, ModifiedUtf7.encode(name));
  }

  /** {@code (flag flag ...)}; flags are atoms such as "\Seen" or keywords and are written as given. */
  public static Buffer flagList(Buffer out, Collection<String> flags) {
    out.appendByte((byte) '(');
    boolean first = true;
    for (String flag : flags) {
      if (!first) {
        out.appendByte((byte) ' ');
      }
      first = false;
      requireFlag(flag);
      out.appendString(flag, "US-ASCII");
    }
    return out.appendByte((byte) ')');
  }

  static void requireFlag(String flag) {
    String atom = flag.startsWith("\\") ? flag.substring(1) : flag;
    if (!flag.equals("\\*") && !isAtomChars(atom)) {
      throw new IllegalArgumentException("not a flag: " + flag);
    }
  }

  private static boolean quotable(String text) {
    if (text.length() > MAX_QUOTED) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == 0 || c == '\r' || c == '\n' || c >= 0x80) {
        return false;
      }
    }
    return true;
  }

  private static boolean isAtom(String text) {
    if (text.isEmpty() || text.length() > MAX_QUOTED || text.equalsIgnoreCase("NIL")) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      if (!ImapSyntax.isAstringChar(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isAtomChars(String text) {
    if (text.isEmpty()) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      if (!ImapSyntax.isAtomChar(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }
}
