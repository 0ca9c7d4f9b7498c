package dev.tern.load.engine;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProgressPrinterTest {

  private static final Pattern LINE = Pattern.compile("\\[[0-9.]+(ms|s)] \\d+/60 things  [0-9]+\\.[0-9]/s  ok \\d+"
      + "  4xx 0  5xx 0  conn-err 0  p99 (-|[0-9]+\\.[0-9]{3}ms)  ETA (-|[0-9.]+(ms|s))");

  private static String runPrinting(boolean terminal) throws InterruptedException {
    StringWriter text = new StringWriter();
    ProgressPrinter printer = new ProgressPrinter(new PrintWriter(text), terminal, Duration.ofMillis(20));
    RunSettings settings = new RunSettings(1, 60, null, 0, Duration.ofSeconds(5), Duration.ofMillis(20));
    new LoadRun(new FakeWorkload().delay(5), settings, null, printer).run();
    return text.toString();
  }

  @Test
  void notATerminalPrintsPlainLines() throws Exception {
    String output = runPrinting(false);

    assertFalse(output.contains("\r"));
    List<String> lines = output.lines().toList();
    assertFalse(lines.isEmpty(), "60 operations of 5 ms or more take longer than one 20 ms interval");
    for (String line : lines) {
      assertTrue(LINE.matcher(line).matches(), line);
    }
  }

  @Test
  void aTerminalGetsOneLineRewrittenInPlace() throws Exception {
    String output = runPrinting(true);

    assertTrue(output.startsWith("\r"), output);
    assertTrue(output.endsWith(System.lineSeparator()), "the summary starts on a line of its own");
    assertEquals(1, output.split("\n", -1).length - 1, "one line, rewritten");
    for (String update : output.strip().split("\r")) {
      assertTrue(LINE.matcher(update.strip()).matches(), update);
    }
  }

  @Test
  void lineShowsCountsRateLatencyAndEta() {
    RunSettings settings = new RunSettings(4, 1000, null, 0, Duration.ofSeconds(30), Duration.ofSeconds(5));
    OutcomeCounters.Counts counts = new OutcomeCounters.Counts(260, 240, 5, 3, 2, 0);

    assertEquals("[10.0s] 250/1000 messages  25.0/s  ok 240  4xx 5  5xx 3  conn-err 2  p99 12.345ms  ETA 30.0s",
        ProgressPrinter.line(Duration.ofSeconds(10), counts, settings, "messages", 25.0, 12_345));
  }

  @Test
  void etaComesFromTheCountTheScheduleOrTheClockWhicheverEndsFirst() {
    OutcomeCounters.Counts quarter = new OutcomeCounters.Counts(250, 250, 0, 0, 0, 0);
    Duration timeout = Duration.ofSeconds(30);
    Duration progress = Duration.ofSeconds(5);
    Duration ten = Duration.ofSeconds(10);

    assertEquals(Duration.ofSeconds(30),
        ProgressPrinter.eta(ten, quarter, new RunSettings(1, 1000, null, 0, timeout, progress)));
    assertEquals(Duration.ofSeconds(5),
        ProgressPrinter.eta(ten, quarter, new RunSettings(1, 1000, Duration.ofSeconds(15), 0, timeout, progress)));
    assertEquals(Duration.ofSeconds(40),
        ProgressPrinter.eta(ten, quarter, new RunSettings(1, 1000, null, 20, timeout, progress)));
    assertEquals(Duration.ofSeconds(50),
        ProgressPrinter.eta(ten, quarter, new RunSettings(1, 0, Duration.ofMinutes(1), 0, timeout, progress)));
    assertEquals(null, ProgressPrinter.eta(Duration.ZERO, new OutcomeCounters.Counts(0, 0, 0, 0, 0, 0),
        new RunSettings(1, 1000, null, 0, timeout, progress)));
  }
}
