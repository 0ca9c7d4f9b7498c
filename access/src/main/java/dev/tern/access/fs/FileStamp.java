package dev.tern.access.fs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * What a poll compares to notice that a file changed: identity (inode, which every atomic replace
 * renews), modification time and size. Blocking (a stat call).
 */
record FileStamp(boolean exists, Object fileKey, long modifiedNanos, long size) {

  static final FileStamp MISSING = new FileStamp(false, null, 0, 0);

  static FileStamp of(Path file) throws IOException {
    try {
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      return new FileStamp(true, attributes.fileKey(), attributes.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS),
          attributes.size());
    } catch (NoSuchFileException e) {
      return MISSING;
    }
  }
}
