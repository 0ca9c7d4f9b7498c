package dev.tern.delivery.fs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.zip.CRC32C;

/**
 * The frame shared by segment and journal files: {@code int length, int crc32c(payload), payload}, big
 * endian, after an 8-byte file magic. A frame whose header or payload runs past the end of the file is
 * torn; one whose length is impossible or whose CRC does not match is corrupt. Either ends the
 * readable part of the file.
 */
final class RecordFraming {

  static final int HEADER_BYTES = 8;
  static final int MAGIC_BYTES = 8;
  /** Inline bodies are at most 256 KiB; the rest is envelope. Anything larger is garbage. */
  static final int MAX_PAYLOAD_BYTES = 64 * 1024 * 1024;

  private RecordFraming() {}

  static ByteBuffer frame(byte[] payload) {
    ByteBuffer frame = ByteBuffer.allocate(HEADER_BYTES + payload.length);
    frame.putInt(payload.length).putInt(crcOf(payload, 0, payload.length)).put(payload).flip();
    return frame;
  }

  static int crcOf(byte[] bytes, int offset, int length) {
    CRC32C crc = new CRC32C();
    crc.update(bytes, offset, length);
    return (int) crc.getValue();
  }

  static ByteBuffer magic(String eightChars) {
    byte[] bytes = eightChars.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    if (bytes.length != MAGIC_BYTES) {
      throw new IllegalArgumentException("magic must be 8 ASCII characters");
    }
    return ByteBuffer.wrap(bytes);
  }

  static boolean hasMagic(FileChannel channel, String eightChars) throws IOException {
    if (channel.size() < MAGIC_BYTES) {
      return false;
    }
    ByteBuffer found = ByteBuffer.allocate(MAGIC_BYTES);
    readFully(channel, found, 0);
    return found.flip().equals(magic(eightChars));
  }

  static void writeFully(FileChannel channel, ByteBuffer buffer) throws IOException {
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
  }

  static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
    long at = position;
    while (buffer.hasRemaining()) {
      int n = channel.read(buffer, at);
      if (n < 0) {
        throw new IOException("unexpected end of file at " + at);
      }
      at += n;
    }
  }

  /** What reading one frame found. */
  sealed interface Read permits Frame, End, Broken {}

  /** A valid frame starting at {@code position}; the next one starts at {@code next}. */
  record Frame(long position, byte[] payload, long next) implements Read {}

  /** The file ends cleanly at a frame boundary. */
  record End() implements Read {}

  /** Torn or corrupt at {@code position}; nothing from there on can be trusted. */
  record Broken(long position, String reason) implements Read {}

  static Read readAt(FileChannel channel, long position) throws IOException {
    long size = channel.size();
    if (position == size) {
      return new End();
    }
    if (size - position < HEADER_BYTES) {
      return new Broken(position, "torn frame header");
    }
    ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
    readFully(channel, header, position);
    header.flip();
    int length = header.getInt();
    int crc = header.getInt();
    if (length < 0 || length > MAX_PAYLOAD_BYTES) {
      return new Broken(position, "impossible frame length " + length);
    }
    if (size - position - HEADER_BYTES < length) {
      return new Broken(position, "torn frame payload");
    }
    byte[] payload = new byte[length];
    readFully(channel, ByteBuffer.wrap(payload), position + HEADER_BYTES);
    if (crcOf(payload, 0, length) != crc) {
      return new Broken(position, "CRC mismatch");
    }
    return new Frame(position, payload, position + HEADER_BYTES + length);
  }
}
