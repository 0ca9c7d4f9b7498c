package dev.tern.relay.internal.codec;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Base64 and SASL PLAIN (RFC 4616) decoding for AUTH; "=" is the empty response (RFC 4954). */
public final class SaslCodec {

  /** A decoded PLAIN response. */
  public record PlainCredentials(String authorizationId, String username, String password) {
  }

  private SaslCodec() {
  }

  /** Decodes a client response; null when it is not valid base64. */
  public static String decode(String line) {
    if (line.equals("=")) {
      return "";
    }
    try {
      return new String(Base64.getDecoder().decode(line), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  public static String encode(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Splits "authzid NUL authcid NUL passwd"; null when malformed. */
  public static PlainCredentials parsePlain(String decoded) {
    int first = decoded.indexOf('\0');
    int second = first < 0 ? -1 : decoded.indexOf('\0', first + 1);
    if (first < 0 || second < 0 || decoded.indexOf('\0', second + 1) >= 0) {
      return null;
    }
    String user = decoded.substring(first + 1, second);
    if (user.isEmpty()) {
      return null;
    }
    return new PlainCredentials(decoded.substring(0, first), user, decoded.substring(second + 1));
  }
}
