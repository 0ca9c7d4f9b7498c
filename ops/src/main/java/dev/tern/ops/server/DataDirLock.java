package dev.tern.ops.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The exclusive lock on {@code <data>/tern.lock} that keeps two servers off one spool. The holder
 * writes its pid into the file so that the loser can say who has it. The OS drops the lock when the
 * process dies, so a stale file never blocks a start. Blocking.
 */
public final class DataDirLock implements AutoCloseable {

  public static final String FILE_NAME = "tern.lock";

  private final Path file;
  private final FileChannel channel;
  private final FileLock lock;

  private DataDirLock(Path file, FileChannel channel, FileLock lock) {
    this.file = file;
    this.channel = channel;
    this.lock = lock;
  }

  /** Takes the lock at once or fails with {@link DataDirectoryInUseException}; never waits. */
  public static DataDirLock acquire(Path dataDir) throws IOException {
    Files.createDirectories(dataDir);
    Path file = dataDir.resolve(FILE_NAME);
    FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException sameJvm) {
      lock = null;
    } catch (IOException e) {
      channel.close();
      throw e;
    }
    if (lock == null) {
      String holder = readPid(channel);
      channel.close();
      throw new DataDirectoryInUseException("data directory " + dataDir + " is in use by another tern process (pid "
          + holder + ")");
    }
    try {
      byte[] pid = (ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII);
      channel.truncate(0);
      channel.write(ByteBuffer.wrap(pid), 0);
      channel.force(false);
    } catch (IOException e) {
      lock.release();
      channel.close();
      throw e;
    }
    return new DataDirLock(file, channel, lock);
  }

  public Path file() {
    return file;
  }

  private static String readPid(FileChannel channel) {
    try {
      ByteBuffer buf = ByteBuffer.allocate(32);
      channel.read(buf, 0);
      String text = new String(buf.array(), 0, buf.position(), StandardCharsets.US_ASCII).trim();
      return text.matches("\\d+") ? text : "unknown";
    } catch (IOException e) {
      return "unknown";
    }
  }

  /** Releases the lock; the file stays, harmless, for the next start. */
  @Override
  public void close() throws IOException {
    try {
      if (lock.isValid()) {
        lock.release();
      }
    } finally {
      channel.close();
    }
  }
}
