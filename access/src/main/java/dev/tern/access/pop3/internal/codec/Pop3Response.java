package dev.tern.access.pop3.internal.codec;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * A POP3 status line (+OK or -ERR, an optional response code, text) and, for multi-line answers,
 * the body lines that follow it up to the terminating ".". Body lines starting with "." are
 * dot-stuffed on formatting; message text goes through {@link DotStuffer} instead.
 *
 * @param ok   +OK when true, -ERR otherwise
 * @param code the bracketed response code, or null for none
 * @param text the status text, may be empty
 * @param body the lines of a multi-line answer, or null for a single-line one
 */
public record Pop3Response(boolean ok, ResponseCode code, String text, List<String> body) {

  private static final int MAX_LINE_WITHOUT_CRLF = 510;

  public Pop3Response {
    Objects.requireNonNull(text);
    body = body == null ? null : List.copyOf(body);
    requireSingleLine(text);
    if (body != null) {
      body.forEach(Pop3Response::requireSingleLine);
    }
  }

  public static Pop3Response ok(String text) {
    return new Pop3Response(true, null, text, null);
  }

  public static Pop3Response err(String text) {
    return new Pop3Response(false, null, text, null);
  }

  public static Pop3Response err(ResponseCode code, String text) {
    return new Pop3Response(false, Objects.requireNonNull(code), text, null);
  }

  /** +OK followed by the given lines and the terminating "." (CAPA, LIST, UIDL). */
  public static Pop3Response multiLine(String text, List<String> lines) {
    return new Pop3Response(true, null, text, Objects.requireNonNull(lines));
  }

  /** The STAT answer: "+OK count octets". */
  public static Pop3Response stat(int messages, long octets) {
    return ok(messages + " " + octets);
  }

  /** One scan listing "n octets", the LIST body line and the single-message LIST answer text. */
  public static String scanListing(int message, long octets) {
    return message + " " + octets;
  }

  /** One unique-id listing "n uid", the UIDL body line and the single-message UIDL answer text. */
  public static String uniqueIdListing(int message, String uid) {
    return message + " " + uid;
  }

  public boolean isMultiLine() {
    return body != null;
  }

  /** The complete wire form, terminator included for multi-line answers. */
  public Buffer toBuffer() {
    return Buffer.buffer(format().getBytes(StandardCharsets.UTF_8));
  }

  /** The wire form as text. */
  public String format() {
    StringBuilder out = new StringBuilder(ok ? "+OK" : "-ERR");
    if (code != null) {
      out.append(" [").append(code.wire()).append(']');
    }
    if (!text.isEmpty()) {
      out.append(' ').append(text);
    }
    out.append("\r\n");
    if (body != null) {
      for (String line : body) {
        if (line.startsWith(".")) {
          out.append('.');
        }
        out.append(line).append("\r\n");
      }
      out.append(".\r\n");
    }
    return out.toString();
  }

  /** The SASL server challenge line "+ base64" (RFC 5034); an empty challenge is "+ ". */
  public static Buffer saslChallenge(byte[] challenge) {
    String encoded = Base64.getEncoder().encodeToString(challenge);
    return Buffer.buffer("+ " + encoded + "\r\n");
  }

  /** Refuses CR/LF/controls so no caller can inject a line, and overlong text (RFC 2449: 512 octets). */
  private static void requireSingleLine(String line) {
    if (line.getBytes(StandardCharsets.UTF_8).length > MAX_LINE_WITHOUT_CRLF) {
      throw new IllegalArgumentException("response line longer than 512 octets");
    }
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        throw new IllegalArgumentException("control character in response line");
      }
    }
  }

  @Override
  public String toString() {
    return (ok ? "+OK" : "-ERR") + (code == null ? "" : " [" + code.wire() + "]") + " " + text
        + (body == null ? "" : " (+" + body.size() + " lines)");
  }
}
