package dev.tern.access.imap.internal.mime;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Test messages written with "\n" and converted to CRLF unless a test wants bare LF. */
final class Fixtures {

    private Fixtures() {
    }

    static byte[] crlf(String text) {
        return text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    static byte[] lf(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static MessageStructure parse(byte[] raw) {
        try {
            return MessageStructure.parse(new ByteArrayInputStream(raw));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(byte[] wire) {
        return new String(wire, StandardCharsets.UTF_8);
    }

    static String slice(byte[] raw, long start, long end) {
        return new String(raw, (int) start, (int) (end - start), StandardCharsets.UTF_8);
    }
}
