package dev.tern.access.imap.internal.mime;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The octets of a body section: ranges of the raw message (to stream from the stored file) interleaved with
 * small synthesised buffers (the CRLFs HEADER.FIELDS adds), in the order they are sent; raw ranges ascend, so
 * one sequential read of the message serves them all. {@link #length()} is the literal size to send.
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
        public RawRange {
            if (start < 0 || end < start) {
                throw new IllegalArgumentException("bad range " + start + ".." + end);
            }
        }

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

    /** The whole message of {@code size} octets (BODY[] and RFC822 need no structure). */
    public static SectionContent whole(long size) {
        return new SectionContent(List.of(new RawRange(0, size)));
    }

    public long length() {
        return pieces.stream().mapToLong(Piece::length).sum();
    }

    /**
     * The partial {@code <origin.length>} of this content (RFC 3501 6.4.5): at most {@code length} octets from
     * {@code origin}; empty when the origin lies beyond the end.
     */
    public SectionContent partial(long origin, long length) {
        if (origin < 0 || length < 0) {
            throw new IllegalArgumentException("negative partial range");
        }
        long skip = origin;
        long remaining = length;
        List<Piece> clipped = new ArrayList<>();
        for (Piece piece : pieces) {
            long pieceLength = piece.length();
            if (skip >= pieceLength) {
                skip -= pieceLength;
                continue;
            }
            long take = Math.min(pieceLength - skip, remaining);
            if (take <= 0) {
                break;
            }
            if (piece instanceof RawRange range) {
                clipped.add(new RawRange(range.start() + skip, range.start() + skip + take));
            } else {
                byte[] bytes = ((Synthesised) piece).bytes();
                byte[] part = new byte[(int) take];
                System.arraycopy(bytes, (int) skip, part, 0, (int) take);
                clipped.add(new Synthesised(part));
            }
            remaining -= take;
            skip = 0;
        }
        return new SectionContent(clipped);
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
