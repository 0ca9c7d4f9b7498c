package dev.tern.delivery.route.smtp.internal;

import dev.tern.delivery.route.DeliveryReport;
import dev.tern.delivery.route.DeliveryReport.Outcome;
import dev.tern.delivery.route.DeliveryReport.RecipientResult;
import dev.tern.delivery.route.smtp.OutboundOptions;
import dev.tern.delivery.route.smtp.SmarthostAuth;
import dev.tern.delivery.route.smtp.TlsPolicy;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The connections to one destination site under one TLS policy, living on one Vert.x context (every method
 * runs there). At most {@code maxConnectionsPerSite} connections exist at once, counting those still
 * connecting; further messages wait in arrival order. A finished connection goes back to the idle list
 * (RSET first when its transaction stopped half-way; a cleanly completed transaction already leaves the server
 * in its initial state, RFC 5321 4.1.1.4) unless it broke or reached {@code maxMessagesPerConnection}; an idle
 * connection gets QUIT after {@code idleTimeout}. The rate limit counts messages started.
 */
public final class SitePool {

  private final String site;
  private final TlsPolicy policy;
  private final Context context;
  private final Vertx vertx;
  private final SessionOpener opener;
  private final OutboundOptions options;
  private final OutboundMetrics metrics;
  private final SmarthostAuth auth;
  private final RateLimiter limiter;
  private final AtomicInteger active;
  private final Deque<DeliveryJob> waiting = new ArrayDeque<>();
  private final Deque<SmtpConnection> idle = new ArrayDeque<>();
  private final java.util.Map<SmtpConnection, Long> idleTimers = new java.util.HashMap<>();
  private int open;
  private long rateTimer = -1;
  private boolean closed;

  public SitePool(String site, TlsPolicy policy, Context context, Vertx vertx, SessionOpener opener,
                  OutboundOptions options, OutboundMetrics metrics, SmarthostAuth auth, AtomicInteger active) {
    this.site = site;
    this.policy = policy;
    this.context = context;
    this.vertx = vertx;
    this.opener = opener;
    this.options = options;
    this.metrics = metrics;
    this.auth = auth;
    this.limiter = new RateLimiter(options.rateLimitPerSecond());
    this.active = active;
  }

  public Context context() {
    return context;
  }

  /** On the pool's context. */
  public void submit(DeliveryJob job) {
    if (closed) {
      finish(job, allDeferred(job, Reply.local(451, "4.3.2 outbound transport is shutting down")), null);
      return;
    }
    waiting.add(job);
    pump();
  }

  /** On the pool's context: refuses new work, defers the waiting, QUITs idle connections. */
  public Future<Void> close() {
    closed = true;
    if (rateTimer != -1) {
      vertx.cancelTimer(rateTimer);
    }
    DeliveryJob job;
    while ((job = waiting.poll()) != null) {
      finish(job, allDeferred(job, Reply.local(451, "4.3.2 outbound transport is shutting down")), null);
    }
    List<Future<Void>> quits = new ArrayList<>();
    SmtpConnection connection;
    while ((connection = idle.poll()) != null) {
      cancelIdleTimer(connection);
      quits.add(connection.quit(options.commandTimeout()));
    }
    return Future.join(quits).mapEmpty();
  }

  private void pump() {
    while (!waiting.isEmpty() && !closed) {
      SmtpConnection connection = takeIdle();
      if (connection == null && open >= options.maxConnectionsPerSite()) {
        return;
      }
      if (!limiter.tryTake()) {
        if (connection != null) {
          makeIdle(connection);
        }
        scheduleRateTimer();
        return;
      }
      DeliveryJob job = waiting.poll();
      if (connection != null) {
        run(job, connection);
      } else {
        connect(job);
      }
    }
  }

  private SmtpConnection takeIdle() {
    SmtpConnection connection;
    while ((connection = idle.pollLast()) != null) {
      cancelIdleTimer(connection);
      if (connection.reusable()) {
        return connection;
      }
      connection.close();
    }
    return null;
  }

  private void connect(DeliveryJob job) {
    open++;
    opener.open(job.destination(), policy, auth, () -> metrics.connectionOpened(site))
        .onSuccess(connection -> {
          active.incrementAndGet();
          connection.whenBroken().onSuccess(cause -> {
            open--;
            active.decrementAndGet();
            if (idle.remove(connection)) {
              cancelIdleTimer(connection);
            }
            // never re-enter pump() from inside a close it may itself have caused
            context.runOnContext(v -> pump());
          });
          run(job, connection);
        })
        .onFailure(e -> {
          open--;
          SetupFailure failure = SetupFailure.of(e);
          Outcome outcome = failure.permanent() && failure.reply().permanentFailure() ? Outcome.FAILED : Outcome.DEFERRED;
          List<RecipientResult> results = new ArrayList<>();
          for (String recipient : job.message().recipients()) {
            results.add(new RecipientResult(recipient, outcome, failure.reply().oneLine()));
          }
          finish(job, new DeliveryReport(results, null, null, null), null);
          pump();
        });
  }

  private void run(DeliveryJob job, SmtpConnection connection) {
    connection.countUse();
    new MessageTransaction(vertx, connection, job.message(), options).run()
        .recover(e -> {
          connection.close();
          return Future.succeededFuture(new TransactionResult(
              allDeferred(job, Reply.local(451, "4.3.0 local error: " + e)).results(), false, false));
        })
        .onSuccess(result -> {
          DeliveryReport report = new DeliveryReport(result.results(), connection.hostName(), connection.address(),
              connection.tlsVersion());
          finish(job, report, connection);
          release(connection, result);
        });
  }

  private void release(SmtpConnection connection, TransactionResult result) {
    if (connection.isBroken()) {
      return;
    }
    if (closed || !result.reusable() || connection.uses() >= options.maxMessagesPerConnection()) {
      connection.quit(options.commandTimeout());
      return;
    }
    if (result.needsReset()) {
      connection.command("RSET", "RSET", options.commandTimeout()).onComplete(ar -> {
        if (ar.succeeded() && ar.result().positive()) {
          makeIdle(connection);
          pump();
        } else {
          connection.close();
        }
      });
      return;
    }
    makeIdle(connection);
    pump();
  }

  private void makeIdle(SmtpConnection connection) {
    if (closed) {
      connection.quit(options.commandTimeout());
      return;
    }
    idle.add(connection);
    long timer = vertx.setTimer(options.idleTimeout().toMillis(), id -> {
      idleTimers.remove(connection);
      if (idle.remove(connection)) {
        connection.quit(options.commandTimeout());
      }
    });
    idleTimers.put(connection, timer);
  }

  private void cancelIdleTimer(SmtpConnection connection) {
    Long timer = idleTimers.remove(connection);
    if (timer != null) {
      vertx.cancelTimer(timer);
    }
  }

  private void scheduleRateTimer() {
    if (rateTimer != -1) {
      return;
    }
    rateTimer = vertx.setTimer(limiter.millisUntilNext(), id -> {
      rateTimer = -1;
      pump();
    });
  }

  private void finish(DeliveryJob job, DeliveryReport report, SmtpConnection connection) {
    long nanos = System.nanoTime() - job.startedNanos();
    metrics.attempt(report, Duration.ofNanos(nanos));
    AttemptLog.attempt(job, report, nanos / 1_000_000);
    job.promise().complete(report);
  }

  private static DeliveryReport allDeferred(DeliveryJob job, Reply reply) {
    List<RecipientResult> results = new ArrayList<>();
    for (String recipient : job.message().recipients()) {
      results.add(new RecipientResult(recipient, Outcome.DEFERRED, reply.oneLine()));
    }
    return new DeliveryReport(results, null, null, null);
  }
}
