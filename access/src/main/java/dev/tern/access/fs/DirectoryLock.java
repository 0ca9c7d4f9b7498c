package dev.tern.access.fs;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Serialises read-modify-write cycles on one accounts directory: an OS file lock on {@code .lock}
 * keeps concurrent {@code tern user ...} processes apart, and an in-process lock keeps threads of one
 * JVM apart (the OS lock is per process, and Java refuses to take it twice). Blocks until free.
 */
final class DirectoryLock implements AutoCloseable {

  static final String LOCK_FILE = ".lock";
  private static final ConcurrentHashMap<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

  private final ReentrantLock threadLock;
  private final FileChannel channel;

  private DirectoryLock(ReentrantLock threadLock, FileChannel channel) {
    this.threadLock = threadLock;
    this.channel = channel;
  }

  static DirectoryLock acquire(Path directory) throws IOException {
    Path key = directory.toRealPath(); // one lock per directory, however it was named (symlinks, ..)
    ReentrantLock threadLock = IN_PROCESS.computeIfAbsent(key, k -> new ReentrantLock());
    threadLock.lock();
    FileChannel channel = null;
    try {
      channel = FileChannel.open(key.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      channel.lock();
      return new DirectoryLock(threadLock, channel);
    } catch (IOException | RuntimeException e) {
      if (channel != null) {
        channel.close();
      }
      threadLock.unlock();
      throw e;
    }
  }

  @Override
  public void close() throws IOException {
    try {
      channel.close(); // closing the channel releases the OS lock
    } finally {
      threadLock.unlock();
    }
  }
}
