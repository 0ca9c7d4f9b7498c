package dev.tern.access.imap.internal.session;

import java.util.ArrayList;
import java.util.List;

/**
 * What CAPABILITY, the greeting and a successful login announce. Before authentication: STARTTLS while the
 * connection is plaintext and a certificate exists, AUTH=PLAIN where passwords may travel, else LOGINDISABLED
 * (RFC 3501 section 6.2.3); after it, the extensions that only matter to an authenticated client.
 */
public final class Capabilities {

  private static final List<String> ALWAYS = List.of("IMAP4rev1", "SASL-IR", "LITERAL+", "ID", "ENABLE", "IDLE",
      "NAMESPACE", "UNSELECT", "UIDPLUS", "MOVE", "CONDSTORE", "SPECIAL-USE", "CREATE-SPECIAL-USE", "CHILDREN",
      "LIST-EXTENDED", "LIST-STATUS");

  private Capabilities() {
  }

  public static List<String> of(ImapSession session) {
    List<String> capabilities = new ArrayList<>(ALWAYS);
    if (session.state() == ImapState.NOT_AUTHENTICATED) {
      if (!session.tls() && session.services().tlsConfigured()) {
        capabilities.add("STARTTLS");
      }
      if (session.plaintextLoginAllowed()) {
        capabilities.add("AUTH=PLAIN");
      } else {
        capabilities.add("LOGINDISABLED");
      }
    }
    if (session.services().options().quota()) {
      capabilities.add("QUOTA");
      capabilities.add("QUOTA=RES-STORAGE");
    }
    return capabilities;
  }
}
