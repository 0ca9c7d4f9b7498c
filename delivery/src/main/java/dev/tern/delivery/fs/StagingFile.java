package dev.tern.delivery.fs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Where a body too big to keep in memory accumulates while it arrives. Used from worker threads, one
 * call at a time (the intake waits for each call before the next).
 */
final class StagingFile {

  private final Path path;
  private FileChannel channel;

  StagingFile(Path path) {
    this.path = path;
  }

  Path path() {
    return path;
  }

  void append(byte[] bytes) throws IOException {
    if (channel == null) {
      channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    }
    RecordFraming.writeFully(channel, ByteBuffer.wrap(bytes));
  }

  /** Makes the bytes durable and closes the file; the writer renames it into place afterwards. */
  void syncAndClose() throws IOException {
    if (channel == null) {
      throw new IOException("staging file " + path + " was never written");
    }
    try {
      channel.force(true);
    } finally {
      channel.close();
    }
  }

  void delete() throws IOException {
    try {
      if (channel != null) {
        channel.close();
      }
    } finally {
      Files.deleteIfExists(path);
    }
  }
}
