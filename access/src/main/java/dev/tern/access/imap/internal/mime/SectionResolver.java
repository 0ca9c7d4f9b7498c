package dev.tern.access.imap.internal.mime;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Maps a {@link SectionSpec} onto a {@link MessageStructure} per RFC 3501 6.4.5: part 1 of a non-multipart
 * message is its body; HEADER, HEADER.FIELDS(.NOT) and TEXT of a part apply to the message inside a
 * message/rfc822 part; MIME is the part's own header; then the partial range clips the result.
 */
public final class SectionResolver {

    private static final byte[] CRLF = {'\r', '\n'};

    private SectionResolver() {
    }

    /** The section's content, or empty when the message has no such part (the caller answers NIL). */
    public static Optional<SectionContent> resolve(MessageStructure structure, SectionSpec spec) {
        Optional<MessagePart> part = part(structure.root(), spec.path());
        if (part.isEmpty()) {
            return Optional.empty();
        }
        List<SectionContent.Piece> pieces = pieces(structure, part.get(), spec);
        if (pieces == null) {
            return Optional.empty();
        }
        return Optional.of(clip(pieces, spec));
    }

    /** The entity a part path names; the root message for an empty path. */
    static Optional<MessagePart> part(MessagePart message, List<Integer> path) {
        MessagePart current = message;
        List<MessagePart> candidates = partsOf(message);
        for (int number : path) {
            if (candidates.size() < number) {
                return Optional.empty();
            }
            current = candidates.get(number - 1);
            if (current.isMultipart()) {
                candidates = current.children();
            } else if (current.message().isPresent()) {
                candidates = partsOf(current.message().get());
            } else {
                candidates = List.of();
            }
        }
        return Optional.of(current);
    }

    private static List<MessagePart> partsOf(MessagePart message) {
        return message.isMultipart() ? message.children() : List.of(message);
    }

    /** Unclipped pieces, or null when the text form does not apply to the part. */
    private static List<SectionContent.Piece> pieces(MessageStructure structure, MessagePart part, SectionSpec spec) {
        boolean whole = spec.path().isEmpty();
        if (spec.text() == SectionSpec.Text.CONTENT) {
            return whole ? List.of(new SectionContent.RawRange(0, structure.size()))
                    : List.of(new SectionContent.RawRange(part.bodyStart(), part.bodyEnd()));
        }
        if (spec.text() == SectionSpec.Text.MIME) {
            return List.of(new SectionContent.RawRange(part.headerStart(), part.bodyStart()));
        }
        MessagePart message = whole ? part : part.message().orElse(null);
        if (message == null) {
            return null;
        }
        return switch (spec.text()) {
            case HEADER -> List.of(new SectionContent.RawRange(message.headerStart(), message.bodyStart()));
            case TEXT -> List.of(new SectionContent.RawRange(message.bodyStart(), message.bodyEnd()));
            case HEADER_FIELDS -> fields(message, spec.fieldNames(), true);
            case HEADER_FIELDS_NOT -> fields(message, spec.fieldNames(), false);
            default -> throw new IllegalStateException("handled above: " + spec.text());
        };
    }

    /** The matching fields, each ended by CRLF, then the blank line that ends a header. */
    private static List<SectionContent.Piece> fields(MessagePart message, List<String> names, boolean include) {
        List<SectionContent.Piece> pieces = new ArrayList<>();
        for (HeaderField field : message.fields()) {
            if (names.contains(field.lowerCaseName()) == include) {
                pieces.add(new SectionContent.RawRange(field.start(), field.end()));
                pieces.add(new SectionContent.Synthesised(CRLF));
            }
        }
        pieces.add(new SectionContent.Synthesised(CRLF));
        return pieces;
    }

    private static SectionContent clip(List<SectionContent.Piece> pieces, SectionSpec spec) {
        if (spec.origin().isEmpty()) {
            return new SectionContent(pieces);
        }
        long skip = spec.origin().getAsLong();
        long remaining = spec.length().orElse(Long.MAX_VALUE);
        List<SectionContent.Piece> clipped = new ArrayList<>();
        for (SectionContent.Piece piece : pieces) {
            long length = piece.length();
            if (skip >= length) {
                skip -= length;
                continue;
            }
            long take = Math.min(length - skip, remaining);
            if (take <= 0) {
                break;
            }
            if (piece instanceof SectionContent.RawRange range) {
                clipped.add(new SectionContent.RawRange(range.start() + skip, range.start() + skip + take));
            } else {
                byte[] bytes = ((SectionContent.Synthesised) piece).bytes();
                byte[] part = new byte[(int) take];
                System.arraycopy(bytes, (int) skip, part, 0, (int) take);
                clipped.add(new SectionContent.Synthesised(part));
            }
            remaining -= take;
            skip = 0;
        }
        return new SectionContent(clipped);
    }
}
