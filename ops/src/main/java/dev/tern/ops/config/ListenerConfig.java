package dev.tern.ops.config;

import dev.tern.relay.SmtpListenerOptions;

import java.util.List;

/** One SMTP listener as configured: its fixed name and role, whether it runs, where it binds. */
public record ListenerConfig(String name, SmtpListenerOptions.Role role, boolean enabled, List<String> bind, int port) {

  public ListenerConfig {
    bind = List.copyOf(bind);
  }
}
