package dev.tern.benchmarks;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class ScratchDirectoryTest {

  @Test
  void createsAnEmptyDiskBackedDirectoryAndDeletesItWithItsContents() throws IOException {
    Path directory = ScratchDirectory.create("test");
    try {
      assertTrue(Files.isDirectory(directory));
      assertFalse(ScratchDirectory.memoryBacked(directory));
      Files.createDirectories(directory.resolve("a/b"));
      Files.writeString(directory.resolve("a/b/segment"), "data");
    } finally {
      ScratchDirectory.deleteRecursively(directory);
    }
    assertFalse(Files.exists(directory));
  }

  @Test
  void deletingAMissingDirectoryIsNotAnError(@TempDir Path parent) throws IOException {
    ScratchDirectory.deleteRecursively(parent.resolve("never-created"));
    ScratchDirectory.deleteRecursively(null);
  }

  @Test
  void refusesAnExplicitDirectoryThatDoesNotExist(@TempDir Path parent) {
    assertThrows(IOException.class, () -> ScratchDirectory.requireDiskBacked(parent.resolve("missing")));
  }

  @Test
  void refusesAnExplicitMemoryBackedDirectory() throws IOException {
    Path shm = Path.of("/dev/shm");
    assumeTrue(Files.isDirectory(shm), "no /dev/shm on this machine");
    assertTrue(ScratchDirectory.memoryBacked(shm));
    assertThrows(IOException.class, () -> ScratchDirectory.requireDiskBacked(shm));
  }
}
