package dev.tern.benchmarks.micro;

import dev.tern.access.imap.internal.mime.MessageStructure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FetchResponseBenchmarkTest {

  private final FetchResponseBenchmark benchmark = new FetchResponseBenchmark();

  @AfterEach
  void close() throws Exception {
    benchmark.close();
  }

  @Test
  void writesAFullResponsePerMessageFromTheCache() throws Exception {
    benchmark.prepare();
    long bytes = benchmark.responsePerMessage();
    assertEquals(bytes, benchmark.responsePerMessage());
    CountingWriteStream kept = new CountingWriteStream(true);
    assertEquals(bytes, benchmark.fetchOnce(kept));
    String text = kept.kept().toString(StandardCharsets.UTF_8);
    assertEquals(bytes, kept.kept().length());
    Matcher responses = Pattern.compile("^\\* (\\d+) FETCH \\(UID (\\d+) FLAGS \\(([^)]*)\\) ENVELOPE \\(.*"
        + " BODYSTRUCTURE \\(\\(\\(\"text\" \"plain\".*\"alternative\".*"
        + "\\(\"application\" \"pdf\".*\"mixed\".*\\)\\)\r$",
        Pattern.MULTILINE | Pattern.UNIX_LINES).matcher(text);
    int count = 0;
    while (responses.find()) {
      count++;
      assertEquals(String.valueOf(count), responses.group(1));
      assertEquals(String.valueOf(1000 + count), responses.group(2));
      assertTrue(responses.group(3).contains("\\Seen"), responses.group(3));
    }
    assertEquals(FetchResponseBenchmark.MESSAGES, count);
    assertTrue(text.contains("\\Seen \\Flagged $Label1") || text.contains("\\Flagged \\Seen $Label1"), "keyword kept");
  }

  @Test
  void parsesTheMultipartStructure() throws Exception {
    benchmark.prepare();
    MessageStructure structure = benchmark.parseStructure();
    assertTrue(structure.root().isMultipart());
    assertEquals(2, structure.root().children().size());
    assertTrue(structure.size() > 6000, "an 8 KiB message: " + structure.size());
  }

  @Test
  void theStoreRefusesEveryCallSoACacheMissCannotPassUnnoticed() {
    assertThrows(IllegalStateException.class,
        () -> FetchResponseBenchmark.untouchableStore().snapshot("a@b.example", "INBOX"));
  }
}
