package dev.tern.access.pop3.internal.codec;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What CAPA announces (RFC 2449 section 6, RFC 2595, RFC 3206, RFC 5034). The session builds one per
 * state, since STLS, USER and SASL depend on whether the connection is already under TLS and whether
 * plaintext logins are allowed on it.
 *
 * @param offerStls      STLS is possible now (TLS configured and not yet active)
 * @param offerUser      USER/PASS is allowed now
 * @param saslMechanisms mechanism names allowed now; empty omits the SASL line
 * @param pipelining     the session processes pipelined commands in order
 * @param implementation free text for IMPLEMENTATION, or null to leave it out
 */
public record Pop3Capabilities(boolean offerStls, boolean offerUser, List<String> saslMechanisms,
                               boolean pipelining, String implementation) {

  public Pop3Capabilities {
    saslMechanisms = List.copyOf(Objects.requireNonNull(saslMechanisms));
  }

  /** The capability lines in a stable order. */
  public List<String> lines() {
    List<String> lines = new ArrayList<>();
    lines.add("TOP");
    lines.add("UIDL");
    lines.add("RESP-CODES");
    lines.add("AUTH-RESP-CODE");
    if (pipelining) {
      lines.add("PIPELINING");
    }
    if (offerUser) {
      lines.add("USER");
    }
    if (!saslMechanisms.isEmpty()) {
      lines.add("SASL " + String.join(" ", saslMechanisms));
    }
    if (offerStls) {
      lines.add("STLS");
    }
    if (implementation != null) {
      lines.add("IMPLEMENTATION " + implementation);
    }
    return lines;
  }

  /** The whole CAPA answer. */
  public Pop3Response response() {
    return Pop3Response.multiLine("Capability list follows", lines());
  }
}
