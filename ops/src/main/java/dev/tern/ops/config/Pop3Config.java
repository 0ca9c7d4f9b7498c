package dev.tern.ops.config;

import java.time.Duration;
import java.util.List;

/**
 * The POP3 server's part of the config.
 *
 * @param listeners  pop3 (plaintext with STLS) and pop3s (implicit TLS), in that order, enabled or not
 * @param apop       offer APOP to users who have an APOP secret
 * @param insecureAuth allow USER/PASS and AUTH PLAIN on a plaintext connection that is not loopback
 * @param idleTimeout how long a session may stay silent (RFC 1939 asks for at least 10 minutes)
 * @param instances  verticle instances per listener
 */
public record Pop3Config(List<Pop3ListenerConfig> listeners, boolean apop, boolean insecureAuth, Duration idleTimeout,
                         Pop3Limits limits, int instances) {

  public Pop3Config {
    listeners = List.copyOf(listeners);
  }

  public List<Pop3ListenerConfig> enabledListeners() {
    return listeners.stream().filter(Pop3ListenerConfig::enabled).toList();
  }

  /** The same config with every listener on port 0 and loopback, for tests that need free ports. */
  public Pop3Config onEphemeralLoopbackPorts() {
    return new Pop3Config(listeners.stream()
        .map(l -> new Pop3ListenerConfig(l.name(), l.implicitTls(), l.enabled(), List.of("127.0.0.1"), 0))
        .toList(), apop, insecureAuth, idleTimeout, limits, instances);
  }

  /** One POP3 listener as configured: its fixed name, whether TLS starts at once, whether it runs, where it binds. */
  public record Pop3ListenerConfig(String name, boolean implicitTls, boolean enabled, List<String> bind, int port) {
    public Pop3ListenerConfig {
      bind = List.copyOf(bind);
    }
  }

  /** Limits per connection and per client address; see the POP3 server's options for what each one bounds. */
  public record Pop3Limits(int maxErrors, int maxAuthFailures, int maxAuthFailuresPerIp, Duration authFailureWindow,
                           int maxConnections, int maxConnectionsPerIp) {}
}
