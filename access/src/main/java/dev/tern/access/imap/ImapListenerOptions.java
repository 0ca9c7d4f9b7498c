package dev.tern.access.imap;

import java.util.List;

/**
 * One IMAP listener.
 *
 * @param name          a label for logs and {@link ImapServer#actualPort}
 * @param bindAddresses addresses to bind; "0.0.0.0" and "::" for all of both families
 * @param port          TCP port (143, or 993 with implicit TLS), 0 for an ephemeral one
 * @param implicitTls   TLS from the first byte (IMAPS, RFC 8314); needs a certificate
 */
public record ImapListenerOptions(String name, List<String> bindAddresses, int port, boolean implicitTls) {

  public ImapListenerOptions {
    bindAddresses = List.copyOf(bindAddresses);
  }
}
