package dev.tern.access.imap.internal.mime;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.stream.BodyDescriptor;
import org.apache.james.mime4j.stream.EntityState;
import org.apache.james.mime4j.stream.MimeConfig;
import org.apache.james.mime4j.stream.MimeTokenStream;
import org.apache.james.mime4j.stream.RecursionMode;

/**
 * Runs mime4j's token parser over the message once and turns its events into {@link MessagePart}s. mime4j
 * decides the structure (which entity is multipart, where parts and encapsulated messages start and end);
 * the builder counts the bytes of every stream mime4j hands out and reads the bytes mime4j consumes silently
 * (header blocks, boundary lines) from the {@link TeeWindow}, so every offset is exact in the raw message.
 */
final class StructureBuilder {

    static final Set<String> REPORTED_FIELDS = Set.of("date", "subject", "from", "sender", "reply-to", "to",
            "cc", "bcc", "in-reply-to", "message-id", "content-type", "content-transfer-encoding",
            "content-id", "content-description", "content-md5", "content-disposition", "content-language",
            "content-location");

    private static final int LF = '\n';
    private static final int CR = '\r';

    private final TeeWindow window;
    private final Deque<Entity> open = new ArrayDeque<>();
    private final byte[] scratch = new byte[8192];
    private long position;
    private long lineFeeds;
    private int lastByte = -1;
    private MessagePart root;

    private StructureBuilder(InputStream raw) {
        this.window = new TeeWindow(raw);
    }

    static MessageStructure parse(InputStream raw) throws IOException {
        StructureBuilder builder = new StructureBuilder(raw);
        builder.run();
        return new MessageStructure(builder.root, builder.position);
    }

    private void run() throws IOException {
        MimeConfig config = new MimeConfig.Builder()
                .setMaxLineLen(-1)
                .setMaxHeaderCount(-1)
                .setMaxHeaderLen(-1)
                .setMaxContentLen(-1)
                .build();
        MimeTokenStream tokens = new MimeTokenStream(config);
        tokens.parse(window);
        try {
            for (EntityState state = tokens.getState(); state != EntityState.T_END_OF_STREAM; state = tokens.next()) {
                onEvent(state, tokens);
            }
        } catch (MimeException e) {
            // Only thrown for limits we switched off or by a strict monitor, which we do not use.
            throw new IOException("mime4j refused the message: " + e.getMessage(), e);
        }
        // Bytes after the last entity (none in practice) still count towards the message size.
        drain(window);
        consumeTo(window.end());
    }

    private void onEvent(EntityState state, MimeTokenStream tokens) throws IOException {
        switch (state) {
            case T_START_MESSAGE -> {
                if (!open.isEmpty()) {
                    open.peek().type = "message";
                    open.peek().subtype = "rfc822";
                }
                open.push(new Entity(position));
            }
            case T_START_BODYPART -> {
                Entity multipart = open.peek();
                skipDelimiter(multipart);
                open.push(new Entity(position));
            }
            case T_END_HEADER -> endHeader(open.peek(), tokens);
            case T_BODY -> {
                describe(open.peek(), tokens.getBodyDescriptor());
                drain(tokens.getInputStream());
                tokens.setRecursionMode(RecursionMode.M_RECURSE);
            }
            case T_START_MULTIPART -> {
                Entity multipart = open.peek();
                describe(multipart, tokens.getBodyDescriptor());
                multipart.boundary = tokens.getBodyDescriptor().getBoundary();
                multipart.delimiterPending = true;
            }
            case T_PREAMBLE -> drain(tokens.getInputStream());
            case T_EPILOGUE -> {
                skipDelimiter(open.peek());
                drain(tokens.getInputStream());
            }
            case T_END_MULTIPART -> skipDelimiter(open.peek());
            case T_END_BODYPART -> {
                MessagePart part = finish(open.pop());
                open.peek().finishedChildren.add(part);
                open.peek().delimiterPending = true;
            }
            case T_END_MESSAGE -> {
                MessagePart message = finish(open.pop());
                if (open.isEmpty()) {
                    root = message;
                } else {
                    open.peek().finishedMessage = message;
                }
            }
            default -> {
                // T_FIELD and T_RAW_ENTITY: fields are read from the raw header block at T_END_HEADER.
            }
        }
    }

    private void endHeader(Entity entity, MimeTokenStream tokens) {
        scanHeader(entity);
        entity.bodyStart = position;
        entity.lineFeedsAtBodyStart = lineFeeds;
        String encoding = entity.values.getOrDefault("content-transfer-encoding", "").toLowerCase(Locale.ROOT);
        if (declaresMessage(entity) && (encoding.equals("base64") || encoding.equals("quoted-printable"))) {
            // RFC 2046 5.2.1 allows only identity encodings here; an encoded one would put the
            // encapsulated message's offsets in decoded space, so it stays an opaque leaf.
            tokens.setRecursionMode(RecursionMode.M_NO_RECURSE);
        }
    }

    /** Whether mime4j will treat the entity as message/rfc822 (declared, or the multipart/digest default). */
    private boolean declaresMessage(Entity entity) {
        String contentType = entity.values.get("content-type");
        if (contentType == null) {
            Entity parent = open.size() > 1 ? open.toArray(new Entity[0])[1] : null;
            return parent != null && "digest".equals(parent.subtype);
        }
        int end = contentType.indexOf(';');
        String mimeType = (end < 0 ? contentType : contentType.substring(0, end)).strip();
        return mimeType.equalsIgnoreCase("message/rfc822");
    }

    /** mime4j's decision on the entity's type, known from the event after its header. */
    private static void describe(Entity entity, BodyDescriptor descriptor) {
        entity.type = descriptor.getMediaType();
        entity.subtype = descriptor.getSubType();
    }

    /** Reads the header block from the window: field ranges, reported values, and where it ends. */
    private void scanHeader(Entity entity) {
        long cursor = position;
        List<long[]> ranges = new ArrayList<>();
        while (true) {
            if (window.byteAt(cursor) < 0 || startsEnclosingDelimiter(cursor)) {
                long end = cursor;
                if (cursor > position && window.byteAt(cursor) >= 0) {
                    end = beforeLineBreak(cursor);
                    trimLastRange(ranges, end);
                }
                recordFields(entity, ranges);
                consumeTo(end);
                break;
            }
            long lineEnd = cursor;
            while (window.byteAt(lineEnd) >= 0 && window.byteAt(lineEnd) != LF) {
                lineEnd++;
            }
            boolean hasLineFeed = window.byteAt(lineEnd) == LF;
            long contentEnd = hasLineFeed && lineEnd > cursor && window.byteAt(lineEnd - 1) == CR ? lineEnd - 1 : lineEnd;
            if (contentEnd == cursor && hasLineFeed) {
                recordFields(entity, ranges);
                consumeTo(lineEnd + 1);
                break;
            }
            int first = window.byteAt(cursor);
            if ((first == ' ' || first == '\t') && !ranges.isEmpty()) {
                ranges.get(ranges.size() - 1)[1] = contentEnd;
            } else {
                ranges.add(new long[] {cursor, contentEnd});
            }
            cursor = hasLineFeed ? lineEnd + 1 : lineEnd;
        }
    }

    private void recordFields(Entity entity, List<long[]> ranges) {
        for (long[] range : ranges) {
            recordField(entity, range[0], range[1]);
        }
    }

    private void trimLastRange(List<long[]> ranges, long end) {
        if (!ranges.isEmpty()) {
            long[] last = ranges.get(ranges.size() - 1);
            last[1] = Math.min(last[1], end);
        }
    }

    private void recordField(Entity entity, long start, long end) {
        StringBuilder text = new StringBuilder((int) (end - start));
        for (long i = start; i < end; i++) {
            int b = window.byteAt(i);
            if (b != CR && b != LF) {
                text.append((char) b);
            }
        }
        int colon = text.indexOf(":");
        String name = (colon < 0 ? text.toString() : text.substring(0, colon)).trim().toLowerCase(Locale.ROOT);
        entity.fields.add(new HeaderField(name, start, end));
        if (colon >= 0 && REPORTED_FIELDS.contains(name) && !entity.values.containsKey(name)) {
            entity.values.put(name, text.substring(colon + 1).strip());
        }
    }

    /**
     * Consumes the boundary line mime4j has just skipped: the line break before it (when not at the very
     * start of the body), "--boundary", anything up to the end of that line, and its line break unless an
     * enclosing multipart's delimiter claims it.
     */
    private void skipDelimiter(Entity multipart) {
        if (!multipart.delimiterPending) {
            return;
        }
        multipart.delimiterPending = false;
        long cursor = position;
        if (window.byteAt(cursor) == CR && window.byteAt(cursor + 1) == LF) {
            cursor += 2;
        } else if (window.byteAt(cursor) == LF) {
            cursor += 1;
        }
        if (!startsDelimiter(cursor, multipart.boundary)) {
            return;
        }
        long lineEnd = cursor;
        while (window.byteAt(lineEnd) >= 0 && window.byteAt(lineEnd) != LF) {
            lineEnd++;
        }
        if (window.byteAt(lineEnd) == LF && !startsEnclosingDelimiter(lineEnd + 1)) {
            lineEnd++;
        } else if (window.byteAt(lineEnd) == LF) {
            lineEnd = beforeLineBreak(lineEnd + 1);
        }
        consumeTo(lineEnd);
    }

    /** The offset of the line break that ends just before {@code lineStart}. */
    private long beforeLineBreak(long lineStart) {
        long end = lineStart - 1;
        if (end > position && window.byteAt(end - 1) == CR) {
            end--;
        }
        return end;
    }

    /** Whether a line starting at {@code offset} is a delimiter of a multipart enclosing the current entity. */
    private boolean startsEnclosingDelimiter(long offset) {
        boolean first = true;
        for (Entity entity : open) {
            if (first) {
                first = false;
                continue;
            }
            if (entity.boundary != null && startsDelimiter(offset, entity.boundary)) {
                return true;
            }
        }
        return false;
    }

    /** mime4j's lenient rule: "--" and the boundary at a line start, whatever follows on the line. */
    private boolean startsDelimiter(long offset, String boundary) {
        if (window.byteAt(offset) != '-' || window.byteAt(offset + 1) != '-') {
            return false;
        }
        for (int i = 0; i < boundary.length(); i++) {
            if (window.byteAt(offset + 2 + i) != (boundary.charAt(i) & 0xff)) {
                return false;
            }
        }
        return true;
    }

    private MessagePart finish(Entity entity) {
        if (entity.bodyStart < 0) {
            // The input ended inside the header: the whole rest is header, the body is empty.
            entity.bodyStart = position;
            entity.lineFeedsAtBodyStart = lineFeeds;
            entity.type = entity.type == null ? "text" : entity.type;
            entity.subtype = entity.subtype == null ? "plain" : entity.subtype;
        }
        long lines = lineFeeds - entity.lineFeedsAtBodyStart;
        if (position > entity.bodyStart && lastByte != LF) {
            lines++;
        }
        List<MessagePart> children = entity.finishedChildren;
        return new MessagePart(entity.headerStart, entity.bodyStart, position, lines, entity.type,
                entity.subtype, entity.fields, entity.values, children, Optional.ofNullable(entity.finishedMessage));
    }

    /** Accounts for everything left in a stream mime4j handed out, reading the bytes from the window. */
    private void drain(InputStream stream) throws IOException {
        int n;
        while ((n = stream.read(scratch)) >= 0) {
            consumeTo(position + n);
        }
    }

    private void consumeTo(long offset) {
        for (long i = position; i < offset; i++) {
            int b = window.byteAt(i);
            if (b == LF) {
                lineFeeds++;
            }
            lastByte = b;
        }
        if (offset > position) {
            position = offset;
            window.release(position);
        }
    }

    /** Mutable state of an entity while mime4j is inside it. */
    private static final class Entity {
        final long headerStart;
        long bodyStart = -1;
        long lineFeedsAtBodyStart;
        String type;
        String subtype;
        String boundary;
        boolean delimiterPending;
        MessagePart finishedMessage;
        final List<MessagePart> finishedChildren = new ArrayList<>();
        final List<HeaderField> fields = new ArrayList<>();
        final Map<String, String> values = new HashMap<>();

        Entity(long headerStart) {
            this.headerStart = headerStart;
        }
    }
}
