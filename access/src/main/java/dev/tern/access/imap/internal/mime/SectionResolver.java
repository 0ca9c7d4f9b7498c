package dev.tern.access.imap.internal.mime;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import dev.tern.access.imap.internal.codec.SectionSpec;

/**
 * Maps a {@link SectionSpec} onto a {@link MessageStructure} per RFC 3501 6.4.5: part 1 of a non-multipart
 * message is its body; HEADER, HEADER.FIELDS(.NOT) and TEXT of a part apply to the message inside a
 * message/rfc822 part; MIME is the part's own header. A partial &lt;origin.length&gt; is applied afterwards
 * with {@link SectionContent#partial}.
 */
public final class SectionResolver {

    private static final byte[] CRLF = {'\r', '\n'};

    private SectionResolver() {
    }

    /** The section's content, or empty when the message has no such part (the caller answers NIL). */
    public static Optional<SectionContent> resolve(MessageStructure structure, SectionSpec spec) {
        Optional<MessagePart> part = part(structure.root(), spec.part());
        if (part.isEmpty()) {
            return Optional.empty();
        }
        List<SectionContent.Piece> pieces = pieces(structure, part.get(), spec);
        return pieces == null ? Optional.empty() : Optional.of(new SectionContent(pieces));
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

    /** The pieces, or null when the text form does not apply to the part. */
    private static List<SectionContent.Piece> pieces(MessageStructure structure, MessagePart part, SectionSpec spec) {
        boolean whole = spec.part().isEmpty();
        if (spec.kind() == SectionSpec.Kind.ALL) {
            return whole ? List.of(new SectionContent.RawRange(0, structure.size()))
                    : List.of(new SectionContent.RawRange(part.bodyStart(), part.bodyEnd()));
        }
        if (spec.kind() == SectionSpec.Kind.MIME) {
            return List.of(new SectionContent.RawRange(part.headerStart(), part.bodyStart()));
        }
        MessagePart message = whole ? part : part.message().orElse(null);
        if (message == null) {
            return null;
        }
        return switch (spec.kind()) {
            case HEADER -> List.of(new SectionContent.RawRange(message.headerStart(), message.bodyStart()));
            case TEXT -> List.of(new SectionContent.RawRange(message.bodyStart(), message.bodyEnd()));
            case HEADER_FIELDS -> fields(message, spec.fields(), true);
            case HEADER_FIELDS_NOT -> fields(message, spec.fields(), false);
            default -> throw new IllegalStateException("handled above: " + spec.kind());
        };
    }

    /** The matching fields, each ended by CRLF, then the blank line that ends a header. */
    private static List<SectionContent.Piece> fields(MessagePart message, List<String> names, boolean include) {
        Set<String> lowerCaseNames = names.stream().map(name -> name.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        List<SectionContent.Piece> pieces = new ArrayList<>();
        for (HeaderField field : message.fields()) {
            if (lowerCaseNames.contains(field.lowerCaseName()) == include) {
                pieces.add(new SectionContent.RawRange(field.start(), field.end()));
                pieces.add(new SectionContent.Synthesised(CRLF));
            }
        }
        pieces.add(new SectionContent.Synthesised(CRLF));
        return pieces;
    }
}
