package dev.tern.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Where a benchmark keeps its spool. fsync on a memory file system costs nothing, so a spool there would measure
 * the wrong thing: the directory must be on a real disk. Taken from the system property {@code tern.bench.dir} or
 * the environment variable {@code TERN_BENCH_DIR} when set (refused if memory-backed), otherwise the first
 * disk-backed one of {@code java.io.tmpdir} and the working directory.
 */
public final class ScratchDirectory {

  public static final String PROPERTY = "tern.bench.dir";
  public static final String ENVIRONMENT = "TERN_BENCH_DIR";

  private static final Set<String> MEMORY_FILE_SYSTEMS = Set.of("tmpfs", "ramfs", "devtmpfs");

  private ScratchDirectory() {
  }

  /** A new empty directory on a real disk; the caller deletes it with {@link #deleteRecursively}. */
  public static Path create(String purpose) throws IOException {
    return Files.createTempDirectory(chooseBase(), "tern-bench-" + purpose + "-");
  }

  static Path chooseBase() throws IOException {
    String explicit = System.getProperty(PROPERTY);
    if (explicit == null || explicit.isBlank()) {
      explicit = System.getenv(ENVIRONMENT);
    }
    if (explicit != null && !explicit.isBlank()) {
      return requireDiskBacked(Path.of(explicit));
    }
    List<Path> candidates = new ArrayList<>();
    candidates.add(Path.of(System.getProperty("java.io.tmpdir")));
    candidates.add(Path.of(System.getProperty("user.dir")));
    for (Path candidate : candidates) {
      if (Files.isDirectory(candidate) && Files.isWritable(candidate) && !memoryBacked(candidate)) {
        return candidate;
      }
    }
    throw new IOException("no disk-backed scratch directory among " + candidates + "; set -D" + PROPERTY
        + " or " + ENVIRONMENT + " to a directory on the disk to measure");
  }

  static Path requireDiskBacked(Path directory) throws IOException {
    if (!Files.isDirectory(directory)) {
      throw new IOException("scratch directory " + directory + " does not exist or is not a directory");
    }
    if (memoryBacked(directory)) {
      throw new IOException("scratch directory " + directory + " is memory-backed ("
          + Files.getFileStore(directory).type() + "): fsync would be free there, pick a directory on a disk");
    }
    return directory;
  }

  static boolean memoryBacked(Path directory) throws IOException {
    Path real = directory.toRealPath();
    if (real.startsWith("/dev/shm")) {
      return true;
    }
    return MEMORY_FILE_SYSTEMS.contains(Files.getFileStore(real).type().toLowerCase(Locale.ROOT));
  }

  /** Deletes the directory and everything below it; a missing directory is fine. */
  public static void deleteRecursively(Path directory) throws IOException {
    if (directory == null || !Files.exists(directory)) {
      return;
    }
    try (Stream<Path> tree = Files.walk(directory)) {
      tree.sorted(Comparator.reverseOrder()).forEach(path -> {
        try {
          Files.deleteIfExists(path);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
