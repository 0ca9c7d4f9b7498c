package dev.tern.access.imap.internal.mime;

/**
 * One header field as stored: its lower-case name and the raw byte range from the first byte of the name
 * to the end of its last (possibly folded) line, line ending excluded.
 */
public record HeaderField(String lowerCaseName, long start, long end) {
}
