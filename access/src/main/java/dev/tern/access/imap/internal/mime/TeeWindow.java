package dev.tern.access.imap.internal.mime;

import java.io.IOException;
import java.io.InputStream;

/**
 * The stream mime4j reads, keeping the bytes it has read but the structure builder has not yet accounted
 * for. mime4j hides where in the input its events happen; this window lets the builder look at the exact
 * raw bytes between events (header lines, boundary lines). Its size is bounded by mime4j's own read-ahead,
 * not by the message size, because the builder releases bytes as it accounts for them.
 */
final class TeeWindow extends InputStream {

    private final InputStream source;
    private byte[] buffer = new byte[16 * 1024];
    private long bufferStart;
    private int head;
    private int length;
    private boolean sourceExhausted;

    TeeWindow(InputStream source) {
        this.source = source;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n <= 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] target, int offset, int count) throws IOException {
        int n = source.read(target, offset, count);
        if (n < 0) {
            sourceExhausted = true;
        } else if (n > 0) {
            append(target, offset, n);
        }
        return n;
    }

    /** The byte at an absolute offset, or -1 when the source has not been read that far (or ended). */
    int byteAt(long offset) {
        long index = offset - bufferStart;
        if (index < head || index >= length) {
            if (index < head) {
                throw new IllegalStateException("offset " + offset + " already released");
            }
            return -1;
        }
        return buffer[(int) index] & 0xff;
    }

    /** Forgets every byte before {@code offset}. */
    void release(long offset) {
        long index = offset - bufferStart;
        if (index > head) {
            head = (int) Math.min(index, length);
        }
    }

    /** The offset just after the last byte read from the source. */
    long end() {
        return bufferStart + length;
    }

    boolean sourceExhausted() {
        return sourceExhausted;
    }

    private void append(byte[] bytes, int offset, int count) {
        if (length + count > buffer.length) {
            int live = length - head;
            byte[] target = live + count > buffer.length / 2 ? new byte[Math.max(buffer.length * 2, live + count)] : buffer;
            System.arraycopy(buffer, head, target, 0, live);
            buffer = target;
            bufferStart += head;
            length = live;
            head = 0;
        }
        System.arraycopy(bytes, offset, buffer, length, count);
        length += count;
    }

    @Override
    public void close() throws IOException {
        source.close();
    }
}
