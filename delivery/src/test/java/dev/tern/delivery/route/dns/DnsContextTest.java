package dev.tern.delivery.route.dns;

import static dev.tern.delivery.route.dns.DnsTestSupport.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tern.delivery.route.Destination;
import dev.tern.delivery.route.RouteFailure;
import dev.tern.delivery.testing.TestDnsServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Results come back on the caller's context, and the event loop keeps running while DNS is slow. */
class DnsContextTest {

  private Vertx vertx;
  private TestDnsServer dns;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx(new VertxOptions()
        .setBlockedThreadCheckInterval(50)
        .setBlockedThreadCheckIntervalUnit(TimeUnit.MILLISECONDS)
        .setMaxEventLoopExecuteTime(200)
        .setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS));
    dns = TestDnsServer.start();
  }

  @AfterEach
  void stop() throws Exception {
    dns.close();
    await(vertx.close());
  }

  /** Resolves from inside the context and reports the context the result arrived on. */
  private Future<Arrival> resolveOn(Context context, DnsMxResolver resolver, String domain) {
    Promise<Arrival> arrival = Promise.promise();
    context.runOnContext(v -> resolver.resolve(domain).onComplete(ar ->
        arrival.complete(new Arrival(Vertx.currentContext(), Context.isOnEventLoopThread(), ar))));
    return arrival.future();
  }

  private record Arrival(Context context, boolean onEventLoop, AsyncResult<Destination> result) {}

  @Test
  void freshCachedAndFailedResultsArriveOnTheCallersContext() throws Exception {
    dns.mx("example.com", 10, "mx.example.com").a("mx.example.com", "127.0.0.2");
    DnsMxResolver resolver = new DnsMxResolver(vertx, DnsOptions.forServer(dns.address()), new SimpleMeterRegistry());
    Context one = vertx.getOrCreateContext();
    Context two = ((io.vertx.core.internal.VertxInternal) vertx).createEventLoopContext();

    Arrival fresh;
    Arrival cached;
    Arrival failed;
    Arrival invalid;
    try (BlockedThreadWatch watch = new BlockedThreadWatch()) {
      fresh = await(resolveOn(one, resolver, "example.com"));
      cached = await(resolveOn(two, resolver, "example.com"));
      failed = await(resolveOn(two, resolver, "nowhere.example"));
      invalid = await(resolveOn(one, resolver, "bad domain"));
      assertEquals(java.util.List.of(), watch.warnings());
    }

    assertTrue(fresh.result().succeeded());
    assertSame(one, fresh.context());
    assertTrue(fresh.onEventLoop());
    assertTrue(cached.result().succeeded());
    assertSame(two, cached.context());
    assertTrue(failed.result().failed());
    assertInstanceOf(RouteFailure.class, failed.result().cause());
    assertSame(two, failed.context());
    assertTrue(invalid.result().failed());
    assertSame(one, invalid.context());
  }

  @Test
  void theEventLoopRunsOnWhileALookupWaitsForItsTimeout() throws Exception {
    dns.drop("silent.example");
    try (BlockedThreadWatch watch = new BlockedThreadWatch()) {
      Context context = vertx.getOrCreateContext();
      AtomicInteger ticksWhileWaiting = new AtomicInteger();
      Promise<AsyncResult<Destination>> done = Promise.promise();
      context.runOnContext(v -> {
        // built on the event loop, with the system resolver configuration: that file is read on a worker
        new DnsMxResolver(vertx, DnsOptions.defaults(), new SimpleMeterRegistry());
        DnsMxResolver resolver = new DnsMxResolver(vertx,
            DnsOptions.forServer(dns.address()).withTimeout(Duration.ofMillis(800)), new SimpleMeterRegistry());
        long timer = vertx.setPeriodic(20, id -> ticksWhileWaiting.incrementAndGet());
        resolver.resolve("silent.example").onComplete(ar -> {
          vertx.cancelTimer(timer);
          done.complete(ar);
        });
      });

      AsyncResult<Destination> result = await(done.future());

      assertTrue(result.failed());
      assertFalse(assertInstanceOf(RouteFailure.class, result.cause()).permanent());
      assertTrue(ticksWhileWaiting.get() > 0, "the event loop ran timers while the lookup waited");
      assertEquals(java.util.List.of(), watch.warnings());
    }
  }

  @Test
  void theBlockedThreadWatchSeesABlockedEventLoop() throws Exception {
    try (BlockedThreadWatch watch = new BlockedThreadWatch()) {
      await(vertx.getOrCreateContext().<Void>executeBlocking(() -> null)); // warm up
      Promise<Void> blocked = Promise.promise();
      vertx.getOrCreateContext().runOnContext(v -> {
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(600);
        while (System.nanoTime() < until) {
          Thread.onSpinWait();
        }
        blocked.complete();
      });
      await(blocked.future());

      assertFalse(watch.warnings().isEmpty(), "a deliberately blocked loop must be reported, else the check above proves nothing");
    }
  }
}
