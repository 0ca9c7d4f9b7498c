package dev.tern.ops.server;

import dev.tern.access.AccountStore;
import dev.tern.access.imap.ImapServer;
import dev.tern.access.imap.ImapServerOptions;
import dev.tern.access.pop3.Pop3Server;
import dev.tern.access.pop3.Pop3ServerOptions;
import dev.tern.access.mailbox.MailboxStore;
import dev.tern.access.mailbox.QuotaLimits;
import dev.tern.access.mailbox.fs.FsMailboxStore;
import dev.tern.access.fs.FsAccountStore;
import dev.tern.access.fs.FsAccounts;
import dev.tern.delivery.Spool;
import dev.tern.delivery.fs.FsSpool;
import dev.tern.delivery.fs.FsSpoolOptions;
import dev.tern.relay.SmtpServer;
import dev.tern.relay.SmtpServerOptions;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The real backends: fs accounts, the fs spool, relay's SmtpServer, access's POP3 and IMAP servers, the Maildir++
 * mailbox store and the delivery scheduler. It keeps the opened {@link FsSpool} with its full type, because the
 * scheduler needs the spool in all three of its roles.
 */
final class EmbeddedBackends implements TernBackends {

  private volatile FsSpool spool;

  @Override
  public void initializeAccounts(Path accountsDirectory, List<String> localDomains) throws IOException {
    FsAccounts.initialize(accountsDirectory, localDomains);
  }

  @Override
  public Future<OpenAccounts> openAccounts(Vertx vertx, Path accountsDirectory) {
    return FsAccountStore.open(vertx, accountsDirectory).compose(store ->
        vertx.executeBlocking(() -> anyOwnQuota(accountsDirectory))
            .map(any -> new OpenAccounts(store, store::quotaLimits, any, store::close))
            .recover(e -> store.close().transform(ignored -> Future.<OpenAccounts>failedFuture(e))));
  }

  /** Blocking: reads the users file through the admin API (as `tern user list --long` does). */
  private static boolean anyOwnQuota(Path accountsDirectory) throws IOException {
    return FsAccounts.open(accountsDirectory).listUserDetails().stream()
        .anyMatch(user -> user.quotaBytes().isPresent());
  }

  @Override
  public Future<Spool> openSpool(Vertx vertx, FsSpoolOptions options, MeterRegistry meters) {
    return FsSpool.open(vertx, options, meters).map(opened -> {
      spool = opened;
      return opened;
    });
  }

  @Override
  public ProtocolService smtpServer(Vertx vertx, SmtpServerOptions options, Spool spool, AccountStore accounts,
      MeterRegistry meters) {
    SmtpServer server = new SmtpServer(vertx, options, spool, accounts, meters);
    return ProtocolService.of(server::start, server::actualPort, server::shutdown);
  }

  @Override
  public ProtocolService pop3Server(Vertx vertx, Pop3ServerOptions options, AccountStore accounts,
      MailboxStore mailboxes, MeterRegistry meters) {
    Pop3Server server = new Pop3Server(vertx, options, accounts, mailboxes, meters);
    return ProtocolService.of(server::start, server::actualPort, server::shutdown);
  }

  @Override
  public ProtocolService imapServer(Vertx vertx, ImapServerOptions options, AccountStore accounts,
      MailboxStore mailboxes, MeterRegistry meters) {
    ImapServer server = new ImapServer(vertx, options, accounts, mailboxes, meters);
    return ProtocolService.of(server::start, server::actualPort, server::shutdown);
  }

  @Override
  public MailboxStore openMailboxes(Vertx vertx, Path root, QuotaLimits quotas) {
    return new FsMailboxStore(vertx, root, quotas);
  }

  @Override
  public DeliveryService delivery(Vertx vertx, AccountStore accounts, MailboxStore mailboxes, DeliverySettings settings,
                                  MeterRegistry meters) {
    FsSpool opened = spool;
    if (opened == null) {
      throw new IllegalStateException("delivery needs the spool opened first");
    }
    return SchedulerDelivery.create(vertx, opened, accounts, mailboxes, settings, meters);
  }
}
