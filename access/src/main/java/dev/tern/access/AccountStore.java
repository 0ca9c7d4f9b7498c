package dev.tern.access;

import io.vertx.core.Future;

import java.util.Optional;

/**
 * What the protocol servers need to know about accounts: who may log in, which domains are local and
 * where a local address goes. Every call is asynchronous so that a database backend fits the same
 * contract; the fs backend answers from an in-memory snapshot and hashes passwords on a worker.
 */
public interface AccountStore {

  /**
   * Checks a login. Completes with the canonical account address when the password matches, empty
   * when the user is unknown or the password is wrong (the two are not distinguished to callers).
   */
  Future<Optional<String>> authenticate(String username, String password);

  /** True when mail for this domain (case-insensitive, no trailing dot) is delivered here. */
  Future<Boolean> isLocalDomain(String domain);

  /** Resolves an address (aliases first, then accounts) into where its mail goes. */
  Future<RecipientResolution> resolve(String address);

  /**
   * The APOP shared secret of a login (RFC 1939 section 7) with the account it logs into, empty when the user is
   * unknown or has none. APOP needs the secret in clear, so it is kept apart from the password, which is only
   * stored hashed.
   */
  Future<Optional<ApopSecret>> apopSecret(String username);
}
