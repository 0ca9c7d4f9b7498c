package dev.tern.access.fs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.UUID;

/**
 * Replaces a file so that a reader (or a crash) sees either the old or the new content, never a mix:
 * write a temp file beside it, fsync it, rename over the target, fsync the directory so the rename
 * itself survives a power cut. Blocking.
 */
final class AtomicFiles {

  private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

  private AtomicFiles() {
  }

  /** {@code ownerOnly} creates the file as 0600: the users file holds password hashes. */
  static void replace(Path target, String content, boolean ownerOnly) throws IOException {
    Path temp = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
    FileAttribute<?>[] attributes = ownerOnly && POSIX
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
        : new FileAttribute<?>[0];
    try {
      try (FileChannel channel = FileChannel.open(temp,
          EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), attributes)) {
        ByteBuffer bytes = ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
          channel.write(bytes);
        }
        channel.force(true);
      }
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        throw new IOException("cannot replace " + target + " atomically on this file system", e);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
    syncDirectory(target.toAbsolutePath().getParent());
  }

  static void syncDirectory(Path directory) throws IOException {
    if (!POSIX) {
      return; // directories cannot be opened for fsync on Windows; NTFS journals the rename itself
    }
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }
}
