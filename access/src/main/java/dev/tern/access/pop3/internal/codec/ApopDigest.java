package dev.tern.access.pop3.internal.codec;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * APOP (RFC 1939 section 7): the greeting carries a unique timestamp, the client answers with
 * MD5(timestamp + shared secret) in hex. Kept here because it is pure; whether APOP is offered at all
 * (off by default, it needs the secret in clear) is the session's decision.
 */
public final class ApopDigest {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final HexFormat HEX = HexFormat.of();

  private ApopDigest() {
  }

  /** A fresh msg-id style timestamp "<random.millis@host>" for the greeting; never reused. */
  public static String newTimestamp(String host, long epochMillis) {
    byte[] nonce = new byte[12];
    RANDOM.nextBytes(nonce);
    return "<" + HEX.formatHex(nonce) + "." + epochMillis + "@" + host + ">";
  }

  /** The hex digest a client must send for this timestamp and secret. */
  public static String expected(String timestamp, byte[] secret) {
    MessageDigest md5 = md5();
    md5.update(timestamp.getBytes(StandardCharsets.US_ASCII));
    md5.update(secret);
    return HEX.formatHex(md5.digest());
  }

  /** Compares in constant time; {@code digest} is the lower-case hex from {@link Pop3Command.Apop}. */
  public static boolean matches(String timestamp, byte[] secret, String digest) {
    byte[] want = expected(timestamp, secret).getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(want, digest.getBytes(StandardCharsets.US_ASCII));
  }

  private static MessageDigest md5() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has MD5", e);
    }
  }
}
