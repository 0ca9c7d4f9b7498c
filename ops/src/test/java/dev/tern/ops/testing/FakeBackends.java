package dev.tern.ops.testing;

import dev.tern.access.ApopSecret;
import dev.tern.access.AccountStore;
import dev.tern.access.imap.ImapListenerOptions;
import dev.tern.access.imap.ImapServerOptions;
import dev.tern.access.pop3.Pop3ServerOptions;
import dev.tern.access.mailbox.MailboxStore;
import dev.tern.access.mailbox.QuotaLimits;
import dev.tern.access.mailbox.fs.FsMailboxStore;
import dev.tern.access.RecipientResolution;
import dev.tern.delivery.Spool;
import dev.tern.delivery.fs.FsSpoolOptions;
import dev.tern.ops.server.DeliveryService;
import dev.tern.ops.server.DeliverySettings;
import dev.tern.ops.server.OpenAccounts;
import dev.tern.ops.server.ProtocolService;
import dev.tern.ops.server.TernBackends;
import dev.tern.relay.SmtpListenerOptions;
import dev.tern.relay.SmtpServerOptions;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetServer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stand-ins for the real backends so TernServer's wiring can be tested on its own: the SMTP and IMAP parts bind
 * real sockets (one per listener) that greet and close, POP3 is the real server (its starts and stops recorded), the
 * spool and accounts live in memory, and delivery is a {@link FakeDelivery} over the same spool. {@link #events()}
 * tells in which order the parts were started and stopped.
 */
public class FakeBackends implements TernBackends {

  public final InMemorySpool spool = new InMemorySpool();
  public volatile SmtpServerOptions smtpOptions;
  public volatile ImapServerOptions imapOptions;
  /** What the accounts report as {@link OpenAccounts#anyOwnQuota()}. */
  public volatile boolean anyOwnQuota;
  public volatile FsSpoolOptions spoolOptions;
  public volatile DeliverySettings deliverySettings;
  public final List<String> events = new ArrayList<>();

  @Override
  public void initializeAccounts(Path accountsDirectory, List<String> localDomains) {
    synchronized (events) {
      events.add("initialize " + localDomains);
    }
  }

  @Override
  public Future<OpenAccounts> openAccounts(Vertx vertx, Path accountsDirectory) {
    AccountStore store = new AccountStore() {
      @Override
      public Future<Optional<String>> authenticate(String username, String password) {
        return Future.succeededFuture(Optional.empty());
      }

      @Override
      public Future<Boolean> isLocalDomain(String domain) {
        return Future.succeededFuture(false);
      }

      @Override
      public Future<RecipientResolution> resolve(String address) {
        return Future.succeededFuture(RecipientResolution.remote());
      }

      @Override
      public Future<Optional<ApopSecret>> apopSecret(String username) {
        return Future.succeededFuture(Optional.empty());
      }
    };
    return Future.succeededFuture(new OpenAccounts(store,
        defaultQuota -> defaultQuota.isPresent() ? QuotaLimits.everyAccount(defaultQuota.getAsLong()) : QuotaLimits.NONE,
        anyOwnQuota, () -> {
      record("accounts closed");
      return Future.succeededFuture();
    }));
  }

  @Override
  public Future<Spool> openSpool(Vertx vertx, FsSpoolOptions options, MeterRegistry meters) {
    spoolOptions = options;
    meters.counter("tern.test.spool.opened").increment();
    return Future.succeededFuture(spool);
  }

  @Override
  public ProtocolService smtpServer(Vertx vertx, SmtpServerOptions options, Spool s, AccountStore accounts, MeterRegistry meters) {
    smtpOptions = options;
    Map<String, Bind> listeners = new LinkedHashMap<>();
    for (SmtpListenerOptions l : options.listeners()) {
      listeners.put(l.name(), new Bind(l.bindAddresses().get(0), l.port()));
    }
    return greetingServers(vertx, "smtp", "220 fake", listeners);
  }

  @Override
  public ProtocolService pop3Server(Vertx vertx, Pop3ServerOptions options, AccountStore accounts,
      MailboxStore mailboxes, MeterRegistry meters) {
    ProtocolService real = TernBackends.embedded().pop3Server(vertx, options, accounts, mailboxes, meters);
    return ProtocolService.of(
        () -> real.start().onSuccess(v -> record("pop3 started")),
        real::actualPort,
        grace -> {
          record("pop3 shutdown " + grace);
          return real.shutdown(grace);
        });
  }

  @Override
  public ProtocolService imapServer(Vertx vertx, ImapServerOptions options, AccountStore accounts,
      MailboxStore mailboxes, MeterRegistry meters) {
    imapOptions = options;
    Map<String, Bind> listeners = new LinkedHashMap<>();
    for (ImapListenerOptions l : options.listeners()) {
      listeners.put(l.name(), new Bind(l.bindAddresses().get(0), l.port()));
    }
    return greetingServers(vertx, "imap", "* OK fake", listeners);
  }

  /** Where a fake listener binds: its first address only. */
  private record Bind(String host, int port) {}

  /**
   * One socket per listener that sends {@code greeting} and closes; records "{@code protocol} started" and
   * "{@code protocol} shutdown GRACE".
   */
  private ProtocolService greetingServers(Vertx vertx, String protocol, String greeting, Map<String, Bind> listeners) {
    Map<String, NetServer> servers = new ConcurrentHashMap<>();
    return new ProtocolService() {
      @Override
      public Future<Void> start() {
        List<Future<NetServer>> all = new ArrayList<>();
        listeners.forEach((name, bind) -> {
          NetServer server = vertx.createNetServer()
              .connectHandler(socket -> socket.end(io.vertx.core.buffer.Buffer.buffer(greeting + "\r\n")));
          servers.put(name, server);
          all.add(server.listen(bind.port(), bind.host()));
        });
        return Future.all(all).<Void>mapEmpty().onSuccess(v -> record(protocol + " started"));
      }

      @Override
      public int actualPort(String listenerName) {
        NetServer server = servers.get(listenerName);
        if (server == null) {
          throw new IllegalArgumentException("no bound " + protocol + " listener named " + listenerName);
        }
        return server.actualPort();
      }

      @Override
      public Future<Void> shutdown(Duration grace) {
        record(protocol + " shutdown " + grace);
        List<Future<Void>> all = new ArrayList<>();
        servers.values().forEach(server -> all.add(server.close()));
        return Future.all(all).mapEmpty();
      }
    };
  }

  @Override
  public MailboxStore openMailboxes(Vertx vertx, Path root, QuotaLimits quotas) {
    return new FsMailboxStore(vertx, root, quotas);
  }

  @Override
  public DeliveryService delivery(Vertx vertx, AccountStore accounts, MailboxStore mailboxes, DeliverySettings settings,
                                  MeterRegistry meters) {
    deliverySettings = settings;
    return new FakeDelivery(spool, this::record);
  }

  private void record(String event) {
    synchronized (events) {
      events.add(event);
    }
  }

  public List<String> events() {
    synchronized (events) {
      return List.copyOf(events);
    }
  }
}
