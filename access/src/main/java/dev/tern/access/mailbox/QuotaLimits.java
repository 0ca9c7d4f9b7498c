package dev.tern.access.mailbox;

import java.util.OptionalLong;

/** Per-account storage limit in bytes; empty means unlimited. */
@FunctionalInterface
public interface QuotaLimits {

  QuotaLimits NONE = account -> OptionalLong.empty();

  OptionalLong storageLimit(String account);

  static QuotaLimits everyAccount(long bytes) {
    return account -> OptionalLong.of(bytes);
  }
}
