package dev.tern.ops.server;

import dev.tern.ops.FilePermissions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The bearer token of the admin API: 32 random bytes as hex in {@code <data>/admin.token} (mode 0600).
 * Whoever can read the data directory may administer the server; nobody else can. Blocking.
 */
public final class AdminToken {

  public static final String FILE_NAME = "admin.token";

  private final String value;

  private AdminToken(String value) {
    this.value = value;
  }

  /** Reads the token, creating it on first start. */
  public static AdminToken loadOrCreate(Path dataDir) throws IOException {
    Path file = dataDir.resolve(FILE_NAME);
    if (Files.exists(file)) {
      return read(dataDir);
    }
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    String token = HexFormat.of().formatHex(random);
    FilePermissions.writeOwnerOnly(file, token + "\n");
    return new AdminToken(token);
  }

  /** Reads an existing token; fails with a message for people when there is none. */
  public static AdminToken read(Path dataDir) throws IOException {
    Path file = dataDir.resolve(FILE_NAME);
    String token;
    try {
      token = Files.readString(file, StandardCharsets.US_ASCII).trim();
    } catch (NoSuchFileException e) {
      throw new NoSuchFileException(file.toString(), null,
          "no admin token; has tern serve ever run with this data directory?");
    }
    if (token.length() < 32) {
      throw new IOException("admin token in " + file + " is too short; delete it and restart the server");
    }
    return new AdminToken(token);
  }

  public static AdminToken of(String value) {
    return new AdminToken(value);
  }

  public String value() {
    return value;
  }

  /** Compares in constant time, so response timing does not leak how much of a guess was right. */
  public boolean matches(String presented) {
    if (presented == null) {
      return false;
    }
    return MessageDigest.isEqual(value.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return "AdminToken[redacted]";
  }
}
