package dev.tern.access.pop3.internal.session;

import dev.tern.access.net.PlaintextLoginPolicy;
import dev.tern.access.AccountStore;
import dev.tern.access.mailbox.MailboxStore;
import dev.tern.access.net.AuthThrottle;
import dev.tern.access.net.ConnectionLimiter;
import dev.tern.access.net.TlsUpgrader;
import dev.tern.access.pop3.Pop3ServerOptions;
import io.vertx.core.Vertx;

/** Everything a session needs that the whole server shares (thread-safe or immutable). */
public record Pop3Services(
    Vertx vertx,
    Pop3ServerOptions options,
    AccountStore accounts,
    MailboxStore mailboxes,
    Pop3Metrics metrics,
    ConnectionLimiter connections,
    AuthThrottle authThrottle,
    MaildropLocks locks,
    PlaintextLoginPolicy plaintextLogins,
    TlsUpgrader startTls) {

  /** The mailbox POP3 serves (RFC 1939 knows only one). */
  public static final String INBOX = "INBOX";

  /** True when STLS can be offered (a certificate is configured). */
  public boolean tlsConfigured() {
    return startTls != null;
  }
}
