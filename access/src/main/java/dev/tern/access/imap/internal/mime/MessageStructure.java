package dev.tern.access.imap.internal.mime;

import java.io.IOException;
import java.io.InputStream;

/**
 * The MIME structure of one stored message: its root entity and its size. Built by one streaming pass over
 * the raw bytes; it holds offsets and header values only, never bodies, so it is cheap to keep and share
 * (it is immutable).
 *
 * @param root the message entity (offset 0)
 * @param size octets in the raw message
 */
public record MessageStructure(MessagePart root, long size) {

    /**
     * Parses a raw message (CRLF or bare LF lines). Blocks on the stream: run it on a worker. Malformed
     * MIME gives the structure mime4j makes of it (an unclosed multipart ends at the end of input, a
     * multipart without boundary is text/plain), never an exception; only the stream's own failure is thrown.
     */
    public static MessageStructure parse(InputStream raw) throws IOException {
        return StructureBuilder.parse(raw);
    }
}
