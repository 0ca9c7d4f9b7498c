package dev.tern.access.mailbox.fs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

class WireSizeTest {

  @TempDir
  Path dir;

  private long size(String content) throws Exception {
    Path file = Files.createTempFile(dir, "msg", "");
    Files.writeString(file, content, StandardCharsets.ISO_8859_1);
    return WireSize.of(file);
  }

  @Test
  void crlfFilesKeepTheirSize() throws Exception {
    assertEquals(0, size(""));
    assertEquals("Subject: a\r\n\r\nbody\r\n".length(), size("Subject: a\r\n\r\nbody\r\n"));
  }

  @Test
  void bareLineEndsAndAnUnendedLastLineCountAsCrlf() throws Exception {
    assertEquals("Subject: a\r\n\r\nbody\r\n".length(), size("Subject: a\n\nbody\n"));
    assertEquals("a\r\nb\r\n".length(), size("a\rb"));
    assertEquals("a\r\n".length(), size("a"));
    assertEquals("a\r\n".length(), size("a\r"));
    assertEquals("a\r\n\r\nb\r\n".length(), size("a\n\r\nb\r\n"));
  }
}
