package dev.tern.access;

import java.util.OptionalLong;

/**
 * What an operator may see of an account besides its address: its own storage limit (empty: the server's
 * default applies) and whether an APOP secret is set. The secret itself never leaves the account backend this way.
 */
public record UserDetails(String address, OptionalLong quotaBytes, boolean apopSecretSet) {

  public UserDetails {
    if (address == null || address.isEmpty()) {
      throw new IllegalArgumentException("address is required");
    }
    if (quotaBytes == null) {
      throw new IllegalArgumentException("quotaBytes is required (OptionalLong.empty() for none)");
    }
  }
}
