package dev.tern.access.imap.internal.search;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;

/**
 * A header field's value as a reader sees it: unfolded, 8-bit octets read as UTF-8 when they are valid UTF-8
 * (RFC 6532) and as ISO-8859-1 otherwise, then RFC 2047 encoded-words decoded.
 */
final class HeaderText {

  private HeaderText() {
  }

  /** Decodes a raw value held one octet per char (as the MIME structure keeps it). */
  static String decode(String octets) {
    return decode(octets.getBytes(StandardCharsets.ISO_8859_1));
  }

  static String decode(byte[] octets) {
    String text = octetsToText(octets);
    StringBuilder unfolded = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c != '\r' && c != '\n') {
        unfolded.append(c);
      }
    }
    String value = unfolded.toString().strip();
    return value.contains("=?") ? DecoderUtil.decodeEncodedWords(value, DecodeMonitor.SILENT) : value;
  }

  private static String octetsToText(byte[] octets) {
    boolean ascii = true;
    for (byte b : octets) {
      if (b < 0) {
        ascii = false;
        break;
      }
    }
    if (ascii) {
      return new String(octets, StandardCharsets.US_ASCII);
    }
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(octets))
          .toString();
    } catch (CharacterCodingException notUtf8) {
      return new String(octets, StandardCharsets.ISO_8859_1);
    }
  }
}
