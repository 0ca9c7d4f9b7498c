package dev.tern.ops;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;

/** Writing secrets: files readable by their owner only from the moment they exist. Blocking. */
public final class FilePermissions {

  private FilePermissions() {}

  /**
   * Writes {@code text} to {@code target} with mode 0600 (where the file system has POSIX modes),
   * through a temporary file and a rename, so a reader never sees half a key.
   */
  public static void writeOwnerOnly(Path target, String text) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = dir.resolve(target.getFileName() + ".tmp");
    Files.deleteIfExists(tmp);
    try {
      Files.createFile(tmp, ownerOnly());
    } catch (UnsupportedOperationException noPosix) {
      Files.createFile(tmp);
    } catch (FileAlreadyExistsException raced) {
      throw new IOException("another process is writing " + target, raced);
    }
    Files.writeString(tmp, text, StandardCharsets.US_ASCII);
    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static FileAttribute<?> ownerOnly() {
    return PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
  }
}
