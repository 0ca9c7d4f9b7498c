package dev.tern.ops.logging;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/** {@code 2025-01-31T12:00:00.123Z INFO TernServer message}, plus the stack trace when there is one. */
public final class OneLineFormatter extends Formatter {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
      .withZone(ZoneOffset.UTC);

  @Override
  public String format(LogRecord record) {
    StringBuilder line = new StringBuilder(128)
        .append(TIME.format(Instant.ofEpochMilli(record.getMillis())))
        .append(' ').append(record.getLevel().getName())
        .append(' ').append(shortName(record.getLoggerName()))
        .append(' ').append(formatMessage(record))
        .append('\n');
    if (record.getThrown() != null) {
      StringWriter trace = new StringWriter();
      record.getThrown().printStackTrace(new PrintWriter(trace));
      line.append(trace);
    }
    return line.toString();
  }

  static String shortName(String loggerName) {
    if (loggerName == null || loggerName.isEmpty()) {
      return "-";
    }
    return loggerName.substring(loggerName.lastIndexOf('.') + 1);
  }
}
