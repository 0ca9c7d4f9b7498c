package dev.tern.delivery.route.smtp;

import java.util.Objects;

/**
 * Credentials for the smarthost. They are only ever sent over TLS: a connection to {@link #host()} always uses
 * {@link TlsPolicy#REQUIRE}. The mechanism is PLAIN when the server offers it, else LOGIN.
 *
 * @param host     the smarthost's host name as it appears in {@code Destination.hosts()} (case-insensitive)
 * @param username the user name
 * @param password the password (never logged)
 */
public record SmarthostAuth(String host, String username, String password) {

  public SmarthostAuth {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
  }

  @Override
  public String toString() {
    return "SmarthostAuth[host=" + host + ", username=" + username + ", password=***]";
  }
}
