package dev.tern.access;

/**
 * The APOP shared secret of a login and the account that login names (a bare local part means the default
 * domain), so that APOP opens the same maildrop as USER/PASS with the same name.
 *
 * @param account canonical account address
 * @param secret  the secret's UTF-8 bytes (a copy the caller may clear)
 */
public record ApopSecret(String account, byte[] secret) {}
