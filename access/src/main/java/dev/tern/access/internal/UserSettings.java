package dev.tern.access.internal;

import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The optional attributes of one account: its own storage limit in bytes and its APOP shared secret (the UTF-8
 * bytes of the secret, kept in clear because APOP needs it so). Immutable; the secret is copied in and out, and
 * {@link #toString()} never shows it.
 */
public final class UserSettings {

  public static final UserSettings NONE = new UserSettings(OptionalLong.empty(), null);

  private final OptionalLong quotaBytes;
  private final byte[] apopSecret;

  private UserSettings(OptionalLong quotaBytes, byte[] apopSecret) {
    this.quotaBytes = quotaBytes;
    this.apopSecret = apopSecret;
  }

  /** Empty {@code quotaBytes}: no limit of its own; null {@code apopSecret}: none. */
  public static UserSettings of(OptionalLong quotaBytes, byte[] apopSecret) {
    if (quotaBytes.isPresent() && quotaBytes.getAsLong() <= 0) {
      throw new IllegalArgumentException("quota must be a positive number of bytes");
    }
    if (apopSecret != null && apopSecret.length == 0) {
      throw new IllegalArgumentException("an APOP secret cannot be empty");
    }
    return new UserSettings(quotaBytes, apopSecret == null ? null : apopSecret.clone());
  }

  public OptionalLong quotaBytes() {
    return quotaBytes;
  }

  /** A copy the caller may keep or zero. */
  public Optional<byte[]> apopSecret() {
    return apopSecret == null ? Optional.empty() : Optional.of(apopSecret.clone());
  }

  public boolean hasApopSecret() {
    return apopSecret != null;
  }

  public boolean isEmpty() {
    return quotaBytes.isEmpty() && apopSecret == null;
  }

  public UserSettings withQuota(OptionalLong bytes) {
    return of(bytes, apopSecret);
  }

  /** Null removes the secret. */
  public UserSettings withApopSecret(byte[] secret) {
    return of(quotaBytes, secret);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof UserSettings that && quotaBytes.equals(that.quotaBytes)
        && Arrays.equals(apopSecret, that.apopSecret);
  }

  @Override
  public int hashCode() {
    return 31 * quotaBytes.hashCode() + Arrays.hashCode(apopSecret);
  }

  @Override
  public String toString() {
    return "UserSettings[quota=" + (quotaBytes.isPresent() ? quotaBytes.getAsLong() : "none")
        + ", apop=" + (apopSecret == null ? "none" : "set") + "]";
  }
}
