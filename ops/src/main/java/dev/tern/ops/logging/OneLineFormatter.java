package dev.tern.ops.logging;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * {@code 2025-01-31T12:00:00.123Z INFO TernServer message}, plus the stack trace when there is one. Parameters
 * {@code {0}}..{@code {9}} are replaced by their plain {@code String.valueOf}: not by {@link java.text.MessageFormat},
 * which parses the pattern on every call, prints numbers with grouping separators ("uid 12,345") and eats single
 * quotes ("can't" became "cant").
 */
public final class OneLineFormatter extends Formatter {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
      .withZone(ZoneOffset.UTC);

  @Override
  public String format(LogRecord record) {
    StringBuilder line = new StringBuilder(128)
        .append(TIME.format(Instant.ofEpochMilli(record.getMillis())))
        .append(' ').append(record.getLevel().getName())
        .append(' ').append(shortName(record.getLoggerName()))
        .append(' ').append(substitute(record.getMessage(), record.getParameters()))
        .append('\n');
    if (record.getThrown() != null) {
      StringWriter trace = new StringWriter();
      record.getThrown().printStackTrace(new PrintWriter(trace));
      line.append(trace);
    }
    return line.toString();
  }

  static String substitute(String message, Object[] parameters) {
    if (message == null) {
      return "";
    }
    if (parameters == null || parameters.length == 0 || message.indexOf('{') < 0) {
      return message;
    }
    StringBuilder out = new StringBuilder(message.length() + 32 * parameters.length);
    int length = message.length();
    for (int i = 0; i < length; i++) {
      char c = message.charAt(i);
      if (c == '{' && i + 2 < length && message.charAt(i + 2) == '}') {
        int index = message.charAt(i + 1) - '0';
        if (index >= 0 && index <= 9 && index < parameters.length) {
          out.append(parameters[index]);
          i += 2;
          continue;
        }
      }
      out.append(c);
    }
    return out.toString();
  }

  static String shortName(String loggerName) {
    if (loggerName == null || loggerName.isEmpty()) {
      return "-";
    }
    return loggerName.substring(loggerName.lastIndexOf('.') + 1);
  }
}
