package dev.tern.access.imap.internal.mime;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Builds IMAP response text from strings holding one octet per char: NIL, quoted strings with backslash
 * escapes, and literals for values a quoted string cannot carry (CR, LF, NUL, 8-bit). Kept small and
 * package-private until the IMAP codec's writer takes over.
 */
final class WireText {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream(256);

    WireText raw(String ascii) {
        out.writeBytes(ascii.getBytes(StandardCharsets.ISO_8859_1));
        return this;
    }

    WireText nil() {
        return raw("NIL");
    }

    /** A string, or NIL for null. */
    WireText nstring(String octets) {
        if (octets == null) {
            return nil();
        }
        if (needsLiteral(octets)) {
            byte[] bytes = octets.getBytes(StandardCharsets.ISO_8859_1);
            raw("{" + bytes.length + "}\r\n");
            out.writeBytes(bytes);
            return this;
        }
        out.write('"');
        for (int i = 0; i < octets.length(); i++) {
            char c = octets.charAt(i);
            if (c == '"' || c == '\\') {
                out.write('\\');
            }
            out.write(c);
        }
        out.write('"');
        return this;
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }

    private static boolean needsLiteral(String octets) {
        for (int i = 0; i < octets.length(); i++) {
            char c = octets.charAt(i);
            if (c == '\r' || c == '\n' || c == 0 || c > 0x7f) {
                return true;
            }
        }
        return false;
    }
}
