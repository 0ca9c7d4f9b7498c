package dev.tern.ops.server;

import dev.tern.access.AccountStore;
import dev.tern.access.imap.ImapServerOptions;
import dev.tern.access.pop3.Pop3ServerOptions;
import dev.tern.access.mailbox.MailboxStore;
import dev.tern.access.mailbox.QuotaLimits;
import dev.tern.delivery.Spool;
import dev.tern.delivery.fs.FsSpoolOptions;
import dev.tern.relay.SmtpServerOptions;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The parts TernServer wires together. {@link #embedded()} is the real thing (fs accounts, fs spool, relay's
 * SmtpServer, the POP3 and IMAP servers, the delivery scheduler); tests of the composition itself may pass in-memory
 * parts. One instance serves one server start: {@link #delivery} works on the spool that {@link #openSpool} opened.
 */
public interface TernBackends {

  /** Creates the account files on first start. Blocking; called before Vert.x starts. */
  void initializeAccounts(Path accountsDirectory, List<String> localDomains) throws IOException;

  Future<OpenAccounts> openAccounts(Vertx vertx, Path accountsDirectory);

  Future<Spool> openSpool(Vertx vertx, FsSpoolOptions options, MeterRegistry meters);

  ProtocolService smtpServer(Vertx vertx, SmtpServerOptions options, Spool spool, AccountStore accounts, MeterRegistry meters);

  ProtocolService pop3Server(Vertx vertx, Pop3ServerOptions options, AccountStore accounts, MailboxStore mailboxes,
                             MeterRegistry meters);

  ProtocolService imapServer(Vertx vertx, ImapServerOptions options, AccountStore accounts, MailboxStore mailboxes,
                             MeterRegistry meters);

  /** The mailboxes of local accounts, under {@code root}. */
  MailboxStore openMailboxes(Vertx vertx, Path root, QuotaLimits quotas);

  /** Delivery (local and outbound) from the spool {@link #openSpool} returned; not started yet. */
  DeliveryService delivery(Vertx vertx, AccountStore accounts, MailboxStore mailboxes, DeliverySettings settings,
                           MeterRegistry meters);

  static TernBackends embedded() {
    return new EmbeddedBackends();
  }
}
