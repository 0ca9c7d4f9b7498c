package dev.tern.access.password;

import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An Argon2id hash in the PHC string format, {@code $argon2id$v=19$m=<KiB>,t=<passes>,p=<lanes>$<salt>$<hash>},
 * salt and hash in unpadded standard Base64, the form libsodium, argon2-cffi and Dovecot also write.
 * Parsing is strict and bounded so that a hand-edited file cannot make a login cost gigabytes.
 */
public final class PhcHash {

  static final int ARGON2_VERSION = 19;
  static final int MAX_MEMORY_KIB = 1 << 20;
  static final int MAX_ITERATIONS = 64;
  static final int MAX_PARALLELISM = 16;
  static final int MIN_SALT_BYTES = 8;
  static final int MIN_HASH_BYTES = 16;
  static final int MAX_BYTES = 64;

  private static final Pattern FORMAT = Pattern.compile(
      "\\$argon2id\\$v=(\\d{1,3})\\$m=(\\d{1,8}),t=(\\d{1,3}),p=(\\d{1,3})\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");
  private static final Base64.Encoder ENCODER = Base64.getEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getDecoder();

  private final int memoryKib;
  private final int iterations;
  private final int parallelism;
  private final byte[] salt;
  private final byte[] hash;

  public PhcHash(int memoryKib, int iterations, int parallelism, byte[] salt, byte[] hash) {
    if (parallelism < 1 || parallelism > MAX_PARALLELISM) {
      throw new InvalidPasswordHashException("argon2id parallelism must be 1.." + MAX_PARALLELISM + ": " + parallelism);
    }
    if (memoryKib < 8 * parallelism || memoryKib > MAX_MEMORY_KIB) {
      throw new InvalidPasswordHashException("argon2id memory must be 8*p.." + MAX_MEMORY_KIB + " KiB: " + memoryKib);
    }
    if (iterations < 1 || iterations > MAX_ITERATIONS) {
      throw new InvalidPasswordHashException("argon2id iterations must be 1.." + MAX_ITERATIONS + ": " + iterations);
    }
    if (salt.length < MIN_SALT_BYTES || salt.length > MAX_BYTES) {
      throw new InvalidPasswordHashException("argon2id salt must be " + MIN_SALT_BYTES + ".." + MAX_BYTES + " bytes");
    }
    if (hash.length < MIN_HASH_BYTES || hash.length > MAX_BYTES) {
      throw new InvalidPasswordHashException("argon2id hash must be " + MIN_HASH_BYTES + ".." + MAX_BYTES + " bytes");
    }
    this.memoryKib = memoryKib;
    this.iterations = iterations;
    this.parallelism = parallelism;
    this.salt = salt.clone();
    this.hash = hash.clone();
  }

  /** Parses a PHC string; the exception message names what is wrong but never echoes the string. */
  public static PhcHash parse(String phc) {
    if (phc == null) {
      throw new InvalidPasswordHashException("missing password hash");
    }
    Matcher m = FORMAT.matcher(phc);
    if (!m.matches()) {
      throw new InvalidPasswordHashException("not an argon2id PHC string ($argon2id$v=19$m=..,t=..,p=..$salt$hash)");
    }
    if (Integer.parseInt(m.group(1)) != ARGON2_VERSION) {
      throw new InvalidPasswordHashException("unsupported argon2 version v=" + m.group(1) + " (expected 19)");
    }
    return new PhcHash(Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)),
        decode(m.group(5), "salt"), decode(m.group(6), "hash"));
  }

  private static byte[] decode(String base64, String what) {
    // Unpadded Base64 of n bytes never has length 1 mod 4; the JDK decoder would reject it anyway,
    // but checking first gives a message that says which field is broken.
    if (base64.length() % 4 == 1) {
      throw new InvalidPasswordHashException("argon2id " + what + " is not valid Base64");
    }
    byte[] bytes;
    try {
      bytes = DECODER.decode(base64);
    } catch (IllegalArgumentException e) {
      throw new InvalidPasswordHashException("argon2id " + what + " is not valid Base64");
    }
    // Non-zero padding bits betray a truncated or altered field that would otherwise still decode.
    if (!ENCODER.encodeToString(bytes).equals(base64)) {
      throw new InvalidPasswordHashException("argon2id " + what + " is not canonical Base64");
    }
    return bytes;
  }

  public int memoryKib() {
    return memoryKib;
  }

  public int iterations() {
    return iterations;
  }

  public int parallelism() {
    return parallelism;
  }

  public byte[] salt() {
    return salt.clone();
  }

  public byte[] hash() {
    return hash.clone();
  }

  int hashLength() {
    return hash.length;
  }

  /** Compares in time independent of where the digests differ. */
  boolean matches(byte[] candidate) {
    return java.security.MessageDigest.isEqual(hash, candidate);
  }

  public String format() {
    return "$argon2id$v=" + ARGON2_VERSION + "$m=" + memoryKib + ",t=" + iterations + ",p=" + parallelism
        + "$" + ENCODER.encodeToString(salt) + "$" + ENCODER.encodeToString(hash);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PhcHash other && memoryKib == other.memoryKib && iterations == other.iterations
        && parallelism == other.parallelism && Arrays.equals(salt, other.salt) && Arrays.equals(hash, other.hash);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(hash);
  }

  /** Deliberately not the PHC string: a hash should not end up in a log line by accident. */
  @Override
  public String toString() {
    return "PhcHash[argon2id m=" + memoryKib + " t=" + iterations + " p=" + parallelism + "]";
  }
}
