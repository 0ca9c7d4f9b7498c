package dev.tern.ops.config;

import java.util.List;

/**
 * The SMTP server's part of the config.
 *
 * @param listeners       smtp, submission and submissions, in that order, enabled or not
 * @param trustedNetworks CIDR blocks that may relay through the MX listener without AUTH
 * @param instances       verticle instances per listener
 */
public record SmtpConfig(List<ListenerConfig> listeners, List<String> trustedNetworks, SmtpLimits limits, int instances) {

  public SmtpConfig {
    listeners = List.copyOf(listeners);
    trustedNetworks = List.copyOf(trustedNetworks);
  }

  public List<ListenerConfig> enabledListeners() {
    return listeners.stream().filter(ListenerConfig::enabled).toList();
  }

  /** The same config with every listener on port 0 and loopback, for tests that need free ports. */
  public SmtpConfig onEphemeralLoopbackPorts() {
    return new SmtpConfig(
        listeners.stream()
            .map(l -> new ListenerConfig(l.name(), l.role(), l.enabled(), List.of("127.0.0.1"), 0))
            .toList(),
        trustedNetworks, limits, instances);
  }
}
