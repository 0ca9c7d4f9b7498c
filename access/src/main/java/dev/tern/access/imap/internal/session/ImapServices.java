package dev.tern.access.imap.internal.session;

import dev.tern.access.AccountStore;
import dev.tern.access.imap.ImapServerOptions;
import dev.tern.access.imap.internal.fetch.FetchEngine;
import dev.tern.access.imap.internal.mime.StructureCache;
import dev.tern.access.imap.internal.search.SearchEngine;
import dev.tern.access.mailbox.MailboxStore;
import dev.tern.access.net.AuthThrottle;
import dev.tern.access.net.ConnectionLimiter;
import dev.tern.access.net.PlaintextLoginPolicy;
import dev.tern.access.net.TlsUpgrader;
import io.vertx.core.Vertx;

/** Everything a session needs that the whole server shares (thread-safe or immutable). */
public record ImapServices(
    Vertx vertx,
    ImapServerOptions options,
    AccountStore accounts,
    MailboxStore mailboxes,
    ImapMetrics metrics,
    ConnectionLimiter connections,
    AuthThrottle authThrottle,
    PlaintextLoginPolicy plaintextLogins,
    TlsUpgrader startTls,
    StructureCache structures,
    FetchEngine fetches,
    SearchEngine searches,
    SharedSummaries summaries) {

  /** True when STARTTLS can be offered (a certificate is configured). */
  public boolean tlsConfigured() {
    return startTls != null;
  }
}
