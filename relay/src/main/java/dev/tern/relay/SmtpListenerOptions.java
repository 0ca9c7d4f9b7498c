package dev.tern.relay;

import java.util.List;

/**
 * One SMTP listener.
 *
 * @param name          a label for logs, metrics and {@link SmtpServer#actualPort}
 * @param role          what the port is for
 * @param bindAddresses addresses to bind; "0.0.0.0" and "::" for all of both families
 * @param port          TCP port, 0 for an ephemeral one
 */
public record SmtpListenerOptions(String name, Role role, List<String> bindAddresses, int port) {

  public SmtpListenerOptions {
    bindAddresses = List.copyOf(bindAddresses);
  }

  public enum Role {
    /** Port 25 style: local domains from anyone, other domains from trusted networks or after AUTH. */
    MX,
    /** Port 587: AUTH required before MAIL, AUTH offered only after STARTTLS. */
    SUBMISSION,
    /** Port 465: implicit TLS, then as SUBMISSION. */
    SUBMISSIONS
  }
}
