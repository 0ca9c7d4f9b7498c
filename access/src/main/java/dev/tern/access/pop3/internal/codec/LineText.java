package dev.tern.access.pop3.internal.codec;

import io.vertx.core.buffer.Buffer;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Checks shared by command and SASL lines: length including CRLF, control bytes, UTF-8. */
final class LineText {

  private LineText() {
  }

  /** The refusal for this line, or null when it passes. */
  static Pop3ParseResult.Rejected check(Buffer line, int maxLengthWithCrlf) {
    if (line.length() + 2 > maxLengthWithCrlf) {
      return new Pop3ParseResult.Rejected(Pop3SyntaxError.LINE_TOO_LONG, "line too long");
    }
    for (int i = 0; i < line.length(); i++) {
      byte b = line.getByte(i);
      if ((b >= 0 && b < 0x20) || b == 0x7f) {
        return new Pop3ParseResult.Rejected(Pop3SyntaxError.CONTROL_CHARACTER, "control character in line");
      }
    }
    return null;
  }

  /** Strict UTF-8 decoding; null when malformed, so no replacement character sneaks into a password. */
  static String decode(Buffer line) {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(line.getBytes()))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
