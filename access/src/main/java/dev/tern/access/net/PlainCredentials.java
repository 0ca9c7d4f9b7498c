package dev.tern.access.net;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The SASL PLAIN message (RFC 4616): {@code [authzid] NUL authcid NUL passwd}, UTF-8. Acting for another
 * user is not supported, so an authorization identity is accepted only when it names the login itself.
 *
 * @param username the authentication identity
 * @param password the password, never logged
 */
public record PlainCredentials(String username, String password) {

  /** The credentials, or empty when the message is malformed or asks to act as someone else. */
  public static Optional<PlainCredentials> parse(byte[] message) {
    String text = decode(message);
    if (text == null) {
      return Optional.empty();
    }
    String[] parts = text.split("\0", -1);
    if (parts.length != 3 || parts[1].isEmpty() || parts[2].isEmpty()) {
      return Optional.empty();
    }
    if (!parts[0].isEmpty() && !parts[0].equals(parts[1])) {
      return Optional.empty();
    }
    return Optional.of(new PlainCredentials(parts[1], parts[2]));
  }

  private static String decode(byte[] message) {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(message))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  @Override
  public String toString() {
    return "PlainCredentials[" + username + ", <hidden>]";
  }
}
