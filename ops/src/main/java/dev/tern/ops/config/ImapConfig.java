package dev.tern.ops.config;

import java.time.Duration;
import java.util.List;

/**
 * The IMAP server's part of the config. Whether QUOTA is offered is not configured here: `tern serve` offers it when
 * {@code mailboxes.quota} is set or an account has a quota of its own.
 *
 * @param listeners          imap (plaintext with STARTTLS) and imaps (implicit TLS), in that order, enabled or not
 * @param insecureAuth       allow LOGIN and AUTHENTICATE PLAIN on a plaintext connection that is not loopback
 * @param idleTimeout        autologout after this long without a command (RFC 3501 section 5.4: at least 30 minutes)
 * @param structureCacheSize MIME structures of messages kept in memory for repeated FETCHes
 * @param instances          verticle instances per listener
 */
public record ImapConfig(List<ImapListenerConfig> listeners, boolean insecureAuth, Duration idleTimeout,
                         ImapLimits limits, int structureCacheSize, int instances) {

  public ImapConfig {
    listeners = List.copyOf(listeners);
  }

  public List<ImapListenerConfig> enabledListeners() {
    return listeners.stream().filter(ImapListenerConfig::enabled).toList();
  }

  /** The same config with every listener on port 0 and loopback, for tests that need free ports. */
  public ImapConfig onEphemeralLoopbackPorts() {
    return new ImapConfig(listeners.stream()
        .map(l -> new ImapListenerConfig(l.name(), l.implicitTls(), l.enabled(), List.of("127.0.0.1"), 0))
        .toList(), insecureAuth, idleTimeout, limits, structureCacheSize, instances);
  }

  /** One IMAP listener as configured: its fixed name, whether TLS starts at once, whether it runs, where it binds. */
  public record ImapListenerConfig(String name, boolean implicitTls, boolean enabled, List<String> bind, int port) {
    public ImapListenerConfig {
      bind = List.copyOf(bind);
    }
  }

  /**
   * Limits per command, per connection and per client address; see the IMAP server's options for what each one
   * bounds.
   *
   * @param maxLineLength  longest command text in octets, literals excluded
   * @param maxLiteralSize largest literal held in memory (passwords, search strings, mailbox names)
   * @param maxAppendSize  largest message APPEND takes (streamed to the mailbox, never held)
   */
  public record ImapLimits(int maxLineLength, int maxLiteralSize, long maxAppendSize, int maxErrors,
                           int maxAuthFailures, int maxAuthFailuresPerIp, Duration authFailureWindow,
                           int maxConnections, int maxConnectionsPerIp) {}
}
