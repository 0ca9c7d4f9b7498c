package dev.tern.access.pop3.internal.codec;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * A client line during a SASL exchange (RFC 5034 section 4): base64 data, "=" for an empty
 * response, or "*" to cancel. Decoded bytes are returned as given; the mechanism interprets them.
 */
public sealed interface SaslResponse {

  /**
   * The default limit for a continuation line including CRLF. RFC 5034 lifts the 255-octet command
   * limit for these lines, so this only guards memory; it fits any reasonable PLAIN response.
   */
  int DEFAULT_MAX_LINE = 8192;

  /** The client gave up ("*"); the server answers -ERR and returns to AUTHORIZATION. */
  record Cancelled() implements SaslResponse {
  }

  /** Decoded response bytes (empty for "="). */
  record Data(byte[] bytes) implements SaslResponse {
    public Data {
      Objects.requireNonNull(bytes);
    }

    /** Overwrites the bytes, for callers that want a password gone from the heap sooner. */
    public void wipe() {
      Arrays.fill(bytes, (byte) 0);
    }

    @Override
    public String toString() {
      return "Data[" + bytes.length + " bytes]";
    }
  }

  /** The line could not be accepted; the exchange is aborted with -ERR. */
  record Refused(Pop3SyntaxError error, String reason) implements SaslResponse {
  }

  /** Parses a continuation line (without CRLF). */
  static SaslResponse parse(Buffer line, int maxLengthWithCrlf) {
    Pop3ParseResult.Rejected refused = LineText.check(line, maxLengthWithCrlf);
    if (refused != null) {
      return new Refused(refused.error(), refused.reason());
    }
    return decode(line.toString(StandardCharsets.US_ASCII));
  }

  /** Decodes an AUTH initial response or a continuation line already known to be free of controls. */
  static SaslResponse decode(String text) {
    if (text.equals("*")) {
      return new Cancelled();
    }
    if (text.equals("=")) {
      return new Data(new byte[0]);
    }
    if (text.isEmpty()) {
      return new Refused(Pop3SyntaxError.EMPTY_LINE, "empty SASL response, use = for none");
    }
    if (!Base64Syntax.isBase64OrEmpty(text)) {
      return new Refused(Pop3SyntaxError.BAD_ARGUMENT, "SASL response is not base64");
    }
    try {
      return new Data(Base64.getDecoder().decode(text));
    } catch (IllegalArgumentException e) {
      return new Refused(Pop3SyntaxError.BAD_ARGUMENT, "SASL response is not base64");
    }
  }
}
