package dev.tern.delivery.scheduler;

import dev.tern.access.ApopSecret;
import dev.tern.access.AccountStore;
import dev.tern.access.mailbox.MailboxStore;
import dev.tern.access.mailbox.MessageSummary;
import dev.tern.access.mailbox.fs.FsMailboxStore;
import dev.tern.access.RecipientResolution;
import dev.tern.delivery.BodyStream;
import dev.tern.delivery.Envelope;
import dev.tern.delivery.Intake;
import dev.tern.delivery.QueueFilter;
import dev.tern.delivery.QueueId;
import dev.tern.delivery.fs.FsSpool;
import dev.tern.delivery.fs.FsSpoolOptions;
import dev.tern.delivery.route.DeliveryReport;
import dev.tern.delivery.route.Destination;
import dev.tern.delivery.route.MxHost;
import dev.tern.delivery.route.MxResolver;
import dev.tern.delivery.route.OutboundMessage;
import dev.tern.delivery.route.OutboundTransport;
import dev.tern.delivery.route.RouteFailure;
import dev.tern.delivery.testing.Futures;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * A real FsSpool in a temp dir with a fake resolver, a scripted transport, a fake account store (declared accounts,
 * aliases and forwards on a fixed set of local domains) and a real FsMailboxStore with an adjustable quota.
 */
final class SchedulerHarness {

  static final String HOST = "mx.tern.test";

  /** Answers per domain by attempt number (1 for the first). */
  interface Script {
    DeliveryReport.Outcome outcome(String recipient, int attempt);
  }

  /** One call of the transport, with the body it read. */
  record Delivery(String domain, String site, String sender, List<String> recipients, String body, long atMillis,
                  int attempt) {}

  final Vertx vertx;
  final Path dir;
  final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  final Map<String, Object> dns = new ConcurrentHashMap<>();
  final AtomicInteger resolves = new AtomicInteger();
  final Map<String, Script> scripts = new ConcurrentHashMap<>();
  final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
  final Set<String> localDomains = ConcurrentHashMap.newKeySet();
  private final Map<String, AtomicInteger> attemptsPerDomain = new ConcurrentHashMap<>();
  /** Declared accounts (canonical, lower case). */
  final Set<String> accountSet = ConcurrentHashMap.newKeySet();
  /** Declared aliases: source to targets (local or forwards), lower case. */
  final Map<String, List<String>> aliases = new ConcurrentHashMap<>();
  /** Local domains whose lookups answer REMOTE (the domain was removed after routing). */
  final Set<String> domainsGone = ConcurrentHashMap.newKeySet();
  /** When set, every lookup fails (the account store is unavailable). */
  volatile boolean lookupsFail;
  /** Storage limit of every account in bytes, negative for none. */
  final AtomicLong quotaBytes = new AtomicLong(-1);
  /** Counts the scheduler's body reads per message. */
  final Map<QueueId, AtomicInteger> bodyOpens = new ConcurrentHashMap<>();
  /** Faults the scheduler's view of the spool shows. */
  final CountingSpool.Faults spoolFaults = new CountingSpool.Faults();
  FsSpool spool;
  final FsMailboxStore mailboxes;
  /** The store the scheduler delivers into; the real one unless a test wraps it. */
  MailboxStore deliveryStore;
  DeliveryScheduler scheduler;

  SchedulerHarness(Vertx vertx, Path dir) {
    this.vertx = vertx;
    this.dir = dir;
    this.mailboxes = new FsMailboxStore(vertx, dir.resolve("mail"),
        account -> quotaBytes.get() < 0 ? OptionalLong.empty() : OptionalLong.of(quotaBytes.get()));
    this.deliveryStore = mailboxes;
    openSpool();
  }

  /** A harness on a Vert.x of its own whose sender domain, sender.test, accepts every message (the DSNs). */
  static SchedulerHarness onOwnVertx(Path dir) {
    SchedulerHarness harness = new SchedulerHarness(Vertx.vertx(), dir);
    harness.domain("sender.test", (r, n) -> DeliveryReport.Outcome.DELIVERED);
    return harness;
  }

  /** Stops the scheduler if one was made, then closes the spool and the Vert.x. */
  void close() {
    if (scheduler != null) {
      await(scheduler.stop());
    }
    await(spool.close());
    await(mailboxes.close());
    await(vertx.close());
  }

  void openSpool() {
    spool = await(FsSpool.open(vertx, new FsSpoolOptions(dir, 64L * 1024 * 1024, 0), meters));
  }

  void restart(SchedulerOptions options) {
    await(scheduler.stop());
    await(spool.close());
    openSpool();
    start(options);
  }

  DeliveryScheduler start(SchedulerOptions options) {
    scheduler(options);
    await(scheduler.start());
    return scheduler;
  }

  /** A scheduler that is not started: for the operator actions alone. */
  DeliveryScheduler scheduler(SchedulerOptions options) {
    scheduler = new DeliveryScheduler(vertx, new CountingSpool(spool, bodyOpens, spoolFaults), accounts(), deliveryStore,
        resolver(), transport(), options, meters);
    return scheduler;
  }

  int bodyOpens(QueueId id) {
    AtomicInteger n = bodyOpens.get(id);
    return n == null ? 0 : n.get();
  }

  /** Declares accounts; their domains become local. */
  void accounts(String... addresses) {
    for (String address : addresses) {
      accountSet.add(address.toLowerCase(Locale.ROOT));
      localDomains.add(QueueFilter.domainOf(address));
    }
  }

  /** Declares an alias; targets of other than local domains are forwards. Its domain becomes local. */
  void alias(String source, String... targets) {
    aliases.put(source.toLowerCase(Locale.ROOT), List.of(targets));
    localDomains.add(QueueFilter.domainOf(source));
  }

  /** The messages in an account's INBOX, oldest first, as stored. */
  List<String> inbox(String account) {
    Context context = vertx.getOrCreateContext();
    Promise<List<String>> promise = Promise.promise();
    context.runOnContext(v -> mailboxes.snapshot(account, "INBOX").compose(snapshot -> {
      List<Future<String>> bodies = new ArrayList<>();
      Future<Void> previous = Future.succeededFuture();
      for (MessageSummary m : snapshot.messages()) {
        Future<String> body = previous.compose(x -> mailboxes.open(account, "INBOX", m.uid()))
            .compose(content -> readStream(content.stream()));
        bodies.add(body);
        previous = body.mapEmpty();
      }
      return Future.all(bodies).map(all -> bodies.stream().map(Future::result).toList());
    }).onComplete(promise));
    return await(promise.future());
  }

  /** A domain whose single MX accepts or refuses as the script says. */
  void domain(String domain, Script script) {
    dns.put(domain, destination(domain, "mx." + domain));
    scripts.put(domain, script);
  }

  void unroutable(String domain, RouteFailure failure) {
    dns.put(domain, failure);
  }

  static Destination destination(String domain, String mx) {
    try {
      return new Destination(domain, List.of(new MxHost(mx, 10, List.of(InetAddress.getByName("192.0.2.1")))), false);
    } catch (java.net.UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  MxResolver resolver() {
    return domain -> {
      resolves.incrementAndGet();
      Object answer = dns.get(domain);
      if (answer instanceof Destination d) {
        return Future.succeededFuture(d);
      }
      if (answer instanceof RouteFailure f) {
        return Future.failedFuture(f);
      }
      return Future.failedFuture(new RouteFailure(true, "5.1.2", "domain " + domain + " does not exist"));
    };
  }

  AccountStore accounts() {
    return new AccountStore() {
      @Override
      public Future<Optional<String>> authenticate(String username, String password) {
        return Future.succeededFuture(Optional.empty());
      }

      @Override
      public Future<Boolean> isLocalDomain(String domain) {
        return Future.succeededFuture(localDomains.contains(domain));
      }

      @Override
      public Future<RecipientResolution> resolve(String address) {
        if (lookupsFail) {
          return Future.failedFuture(new IllegalStateException("account store unavailable"));
        }
        return Future.succeededFuture(resolveNow(address.toLowerCase(Locale.ROOT)));
      }

      @Override
      public Future<Optional<ApopSecret>> apopSecret(String username) {
        return Future.succeededFuture(Optional.empty());
      }
    };
  }

  /**
   * Like the real resolver, in small: aliases first, then accounts; targets of other domains are forwards; an alias
   * that reaches an address being expanded stops there (an account then gets the mail: the keep-a-copy idiom).
   */
  private RecipientResolution resolveNow(String address) {
    String domain = QueueFilter.domainOf(address);
    if (!localDomains.contains(domain) || domainsGone.contains(domain)) {
      return RecipientResolution.remote();
    }
    Set<String> mailboxes = new LinkedHashSet<>();
    Set<String> forwards = new LinkedHashSet<>();
    if (!expand(address, new LinkedHashSet<>(), mailboxes, forwards)) {
      return RecipientResolution.unknown();
    }
    return new RecipientResolution(RecipientResolution.Kind.LOCAL, List.copyOf(mailboxes), List.copyOf(forwards));
  }

  private boolean expand(String node, Set<String> path, Set<String> mailboxes, Set<String> forwards) {
    if (path.contains(node)) {
      if (accountSet.contains(node)) {
        mailboxes.add(node);
      }
      return true;
    }
    List<String> targets = aliases.get(node);
    if (targets == null) {
      if (accountSet.contains(node)) {
        mailboxes.add(node);
        return true;
      }
      return false;
    }
    path.add(node);
    for (String target : targets) {
      String t = target.toLowerCase(Locale.ROOT);
      if (localDomains.contains(QueueFilter.domainOf(t))) {
        expand(t, path, mailboxes, forwards);
      } else {
        forwards.add(target);
      }
    }
    path.remove(node);
    return true;
  }

  /** Reads the body like the real client would, then answers from the destination's script. */
  OutboundTransport transport() {
    return new OutboundTransport() {
      @Override
      public Future<DeliveryReport> deliver(Destination destination, OutboundMessage message) {
        long at = System.currentTimeMillis();
        int attempt = attemptsPerDomain.computeIfAbsent(destination.domain(), d -> new AtomicInteger()).incrementAndGet();
        return message.body().get().compose(SchedulerHarness::readAll).map(body -> {
          deliveries.add(new Delivery(destination.domain(), destination.site(), message.sender(),
              message.recipients(), body, at, attempt));
          Script script = scripts.getOrDefault(destination.domain(), (r, n) -> DeliveryReport.Outcome.DELIVERED);
          List<DeliveryReport.RecipientResult> results = new ArrayList<>();
          for (String r : message.recipients()) {
            DeliveryReport.Outcome outcome = script.outcome(r, attempt);
            String reply = switch (outcome) {
              case DELIVERED -> "250 2.0.0 Ok: queued";
              case DEFERRED -> "451 4.3.2 try again later";
              case FAILED -> "550 5.1.1 <" + r + "> no such user";
            };
            results.add(new DeliveryReport.RecipientResult(r, outcome, reply));
          }
          return new DeliveryReport(results, destination.hosts().get(0).name(), "192.0.2.1", "TLSv1.3");
        });
      }

      @Override
      public Future<Void> close() {
        return Future.succeededFuture();
      }
    };
  }

  static Future<String> readAll(BodyStream body) {
    return readStream(body);
  }

  static Future<String> readStream(io.vertx.core.streams.ReadStream<Buffer> body) {
    Promise<String> promise = Promise.promise();
    Buffer all = Buffer.buffer();
    body.handler(all::appendBuffer);
    body.exceptionHandler(promise::tryFail);
    body.endHandler(v -> promise.tryComplete(all.toString(StandardCharsets.UTF_8)));
    return promise.future();
  }

  static Envelope envelope(String sender, Instant receivedAt, String... recipients) {
    return new Envelope(sender, List.of(recipients), receivedAt, "192.0.2.9", "client.test", null, false,
        Envelope.BodyType.SEVEN_BIT, null);
  }

  static String message(String subject) {
    return "Received: from client.test\r\nFrom: <alice@sender.test>\r\nSubject: " + subject
        + "\r\nMessage-ID: <m1@sender.test>\r\n\r\nsecret body text\r\n";
  }

  QueueId store(Envelope envelope, String body) {
    Context context = vertx.getOrCreateContext();
    Promise<QueueId> promise = Promise.promise();
    context.runOnContext(v -> {
      Intake intake = spool.begin(envelope);
      intake.write(Buffer.buffer(body)).compose(x -> intake.commit()).onComplete(promise);
    });
    return await(promise.future());
  }

  List<Delivery> to(String domain) {
    return deliveries.stream().filter(d -> d.domain().equals(domain)).toList();
  }

  List<Delivery> dsns() {
    return deliveries.stream().filter(d -> d.sender().isEmpty()).toList();
  }

  double counter(String name, String... tags) {
    var search = meters.find(name).tags(tags);
    return search.counters().stream().mapToDouble(c -> c.count()).sum();
  }

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  static <T> T await(Future<T> future) {
    return Futures.await(future, TIMEOUT);
  }

  static Throwable awaitFailure(Future<?> future) {
    return Futures.awaitFailure(future, TIMEOUT);
  }

  /** Waits (without asserting any duration) until the condition holds; gives up after a generous deadline. */
  static void eventually(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("never happened: " + what);
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  <T> T get(Supplier<Future<T>> call) {
    return await(call.get());
  }

  static Map<String, String> fields(String block) {
    Map<String, String> fields = new HashMap<>();
    for (String line : block.split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon > 0) {
        fields.putIfAbsent(line.substring(0, colon), line.substring(colon + 1).strip());
      }
    }
    return fields;
  }
}
