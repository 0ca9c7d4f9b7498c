package dev.tern.access.pop3;

import java.util.List;

/**
 * One POP3 listener.
 *
 * @param name          a label for logs and {@link Pop3Server#actualPort}
 * @param bindAddresses addresses to bind; "0.0.0.0" and "::" for all of both families
 * @param port          TCP port (110, or 995 with implicit TLS), 0 for an ephemeral one
 * @param implicitTls   TLS from the first byte (POP3S, RFC 8314); needs a certificate
 */
public record Pop3ListenerOptions(String name, List<String> bindAddresses, int port, boolean implicitTls) {

  public Pop3ListenerOptions {
    bindAddresses = List.copyOf(bindAddresses);
  }
}
