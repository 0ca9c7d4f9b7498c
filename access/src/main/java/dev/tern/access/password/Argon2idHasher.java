package dev.tern.access.password;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * Argon2id password hashing (Bouncy Castle). CPU- and memory-hard on purpose: call it only from a
 * worker thread, never from an event loop. Passwords are encoded as UTF-8; the encoded copy is
 * zeroed after use, the caller's {@code char[]} is left to the caller to zero.
 */
public final class Argon2idHasher {

  /** OWASP's first recommended Argon2id setting: 19 MiB, 2 passes, 1 lane. */
  public static final Argon2idHasher DEFAULT = new Argon2idHasher(19_456, 2, 1);

  private static final int SALT_BYTES = 16;
  private static final int HASH_BYTES = 32;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final int memoryKib;
  private final int iterations;
  private final int parallelism;

  public Argon2idHasher(int memoryKib, int iterations, int parallelism) {
    // Builds a throwaway hash description so the bounds live in one place (PhcHash).
    new PhcHash(memoryKib, iterations, parallelism, new byte[SALT_BYTES], new byte[HASH_BYTES]);
    this.memoryKib = memoryKib;
    this.iterations = iterations;
    this.parallelism = parallelism;
  }

  /** Hashes with a fresh random salt and returns the PHC string. */
  public String hash(char[] password) {
    byte[] salt = new byte[SALT_BYTES];
    RANDOM.nextBytes(salt);
    byte[] digest = derive(password, memoryKib, iterations, parallelism, salt, HASH_BYTES);
    try {
      return new PhcHash(memoryKib, iterations, parallelism, salt, digest).format();
    } finally {
      Arrays.fill(digest, (byte) 0);
    }
  }

  /** Recomputes with the stored cost and salt and compares in constant time. */
  public static boolean verify(char[] password, PhcHash stored) {
    byte[] digest = derive(password, stored.memoryKib(), stored.iterations(), stored.parallelism(), stored.salt(),
        stored.hashLength());
    try {
      return stored.matches(digest);
    } finally {
      Arrays.fill(digest, (byte) 0);
    }
  }

  /** Like {@link #verify(char[], PhcHash)}; a corrupted or foreign hash never matches. */
  public static boolean verify(char[] password, String storedPhc) {
    PhcHash stored;
    try {
      stored = PhcHash.parse(storedPhc);
    } catch (InvalidPasswordHashException e) {
      return false;
    }
    return verify(password, stored);
  }

  private static byte[] derive(char[] password, int memoryKib, int iterations, int parallelism, byte[] salt,
                               int length) {
    Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
        .withVersion(Argon2Parameters.ARGON2_VERSION_13)
        .withMemoryAsKB(memoryKib)
        .withIterations(iterations)
        .withParallelism(parallelism)
        .withSalt(salt.clone())
        .build();
    byte[] secret = utf8(password);
    try {
      Argon2BytesGenerator generator = new Argon2BytesGenerator();
      generator.init(parameters);
      byte[] out = new byte[length];
      generator.generateBytes(secret, out);
      return out;
    } finally {
      Arrays.fill(secret, (byte) 0);
      parameters.clear();
    }
  }

  /** UTF-8 without going through String, so no unzeroable copy of the password is made. */
  private static byte[] utf8(char[] password) {
    CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
        .onMalformedInput(CodingErrorAction.REPLACE)
        .onUnmappableCharacter(CodingErrorAction.REPLACE);
    ByteBuffer buffer;
    try {
      buffer = encoder.encode(CharBuffer.wrap(password));
    } catch (CharacterCodingException e) {
      throw new IllegalStateException("UTF-8 encoder with REPLACE cannot fail", e);
    }
    byte[] bytes = new byte[buffer.remaining()];
    buffer.get(bytes);
    if (buffer.hasArray()) {
      Arrays.fill(buffer.array(), (byte) 0);
    }
    return bytes;
  }
}
