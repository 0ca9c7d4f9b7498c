package dev.tern.access.imap.internal.mime;

import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * The octets of a body section: ranges of the raw message (to stream from the stored file) interleaved with
 * small synthesised buffers (the CRLFs HEADER.FIELDS adds). {@link #length()} is the literal size to send.
 */
public record SectionContent(List<Piece> pieces) {

    public SectionContent {
        pieces = List.copyOf(pieces);
    }

    /** One run of octets. */
    public sealed interface Piece permits RawRange, Synthesised {
        long length();
    }

    /** Octets {@code [start, end)} of the raw message. */
    public record RawRange(long start, long end) implements Piece {
        @Override
        public long length() {
            return end - start;
        }
    }

    /** Octets made by the server. */
    public record Synthesised(byte[] bytes) implements Piece {
        @Override
        public long length() {
            return bytes.length;
        }
    }

    public long length() {
        return pieces.stream().mapToLong(Piece::length).sum();
    }

    /** The section's octets when the whole raw message is in memory (small messages, tests). */
    public byte[] materialise(byte[] rawMessage) {
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) length());
        for (Piece piece : pieces) {
            if (piece instanceof RawRange range) {
                out.write(rawMessage, (int) range.start(), (int) range.length());
            } else {
                out.writeBytes(((Synthesised) piece).bytes());
            }
        }
        return out.toByteArray();
    }
}
