package dev.tern.access.pop3.support;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Test messages and the RETR wire form a correct server must produce for them. */
public final class Messages {

  private Messages() {
  }

  /** A small CRLF message; {@code body} lines are joined with CRLF. */
  public static String message(String subject, String... body) {
    StringBuilder text = new StringBuilder()
        .append("From: carol@example.net\r\n")
        .append("To: alice@example.com\r\n")
        .append("Subject: ").append(subject).append("\r\n")
        .append("\r\n");
    for (String line : body) {
      text.append(line).append("\r\n");
    }
    return text.toString();
  }

  /** The RETR/TOP body for CRLF text: lines starting with "." get another, then ".\r\n". */
  public static byte[] wireForm(byte[] text) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(text.length + text.length / 50 + 8);
    boolean lineStart = true;
    for (byte b : text) {
      if (lineStart && b == '.') {
        out.write('.');
      }
      out.write(b);
      lineStart = b == '\n';
    }
    if (!lineStart) {
      out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    }
    out.writeBytes(".\r\n".getBytes(StandardCharsets.US_ASCII));
    return out.toByteArray();
  }

  /** A CRLF message of about {@code size} bytes with varied line lengths, some lines starting with dots. */
  public static byte[] large(int size) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(size + 200);
    out.writeBytes(message("large").getBytes(StandardCharsets.US_ASCII));
    int line = 0;
    while (out.size() < size) {
      int length = (line * 37) % 990;
      String prefix = line % 11 == 0 ? "." : line % 13 == 0 ? ".." : "";
      StringBuilder text = new StringBuilder(prefix);
      for (int i = 0; i < length; i++) {
        text.append((char) ('a' + (line + i) % 26));
      }
      out.writeBytes(text.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
      line++;
    }
    return out.toByteArray();
  }
}
