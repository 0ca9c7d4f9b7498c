package dev.tern.ops.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class OneLineFormatterTest {

  private static LogRecord record(String message, Object... parameters) {
    LogRecord record = new LogRecord(Level.INFO, message);
    record.setLoggerName("dev.tern.relay.SmtpSession");
    record.setParameters(parameters);
    record.setMillis(0);
    return record;
  }

  @Test
  void parametersArePrintedPlainly() {
    String line = new OneLineFormatter().format(record("smtp {0}: queued {1} ({2} octets)", "10.0.0.1", "q1", 123456L));
    assertEquals("1970-01-01T00:00:00.000Z INFO SmtpSession smtp 10.0.0.1: queued q1 (123456 octets)\n", line);
  }

  @Test
  void quotesAndBracesThatAreNoParametersStayAsTheyAre() {
    assertEquals("can't {x} {1} {} {0", OneLineFormatter.substitute("can't {x} {1} {} {0", new Object[] {"a"}));
    assertEquals("b a b", OneLineFormatter.substitute("{1} {0} {1}", new Object[] {"a", "b"}));
    assertEquals("null", OneLineFormatter.substitute("{0}", new Object[] {null}));
    assertEquals("{0}", OneLineFormatter.substitute("{0}", null));
    assertEquals("", OneLineFormatter.substitute(null, null));
  }

  @Test
  void aThrowableFollowsTheLine() {
    LogRecord record = record("failed");
    record.setThrown(new IllegalStateException("boom"));
    String text = new OneLineFormatter().format(record);
    assertTrue(text.startsWith("1970-01-01T00:00:00.000Z INFO SmtpSession failed\njava.lang.IllegalStateException: boom"),
        text);
  }
}
