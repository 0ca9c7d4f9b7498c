package dev.tern.benchmarks.micro;

import dev.tern.benchmarks.BenchmarkLogging;
import dev.tern.benchmarks.VertxCalls;
import dev.tern.delivery.route.Destination;
import dev.tern.delivery.route.dns.DnsMxResolver;
import dev.tern.delivery.route.dns.DnsOptions;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * MX resolution through Tern's {@link DnsMxResolver} (production options: IPv6 on, private addresses refused,
 * the default answer cache) against a {@link LocalDnsStub} on 127.0.0.1, called from a Vert.x event loop as the
 * delivery scheduler calls it. {@code cachedDomain}: per lookup, 100 of 500 domains resolved in set-up looked up one
 * after the other in one call onto the event loop, so MX, A and AAAA all come from the cache (the hit path with
 * its hops back onto the caller's context, the JMH thread's own hop shared by the hundred).
 * {@code uncachedThenCached}: a domain never seen, whose resolution asks the stub five questions over UDP (MX,
 * then A and AAAA of both MX hosts), then the same domain again from the cache; the JMH thread waits for each.
 * Each fails on a wrong answer or when the stub was (not) asked as expected.
 */
@State(Scope.Thread)
public class MxLookupBenchmark extends MicroSettings {

  static final int WARM_DOMAINS = 500;
  /**
   * Cache hits per call onto the event loop: the JMH thread's hop there and back costs more than a hit and varies
   * with the scheduler, so it is shared by many lookups, as a delivery run resolves many domains.
   */
  static final int LOOKUPS_PER_CALL = 100;
  /** MX, then A and AAAA for each of the two MX hosts. */
  static final int QUERIES_PER_DOMAIN = 5;
  static final Duration TIMEOUT = Duration.ofSeconds(30);

  private LocalDnsStub dns;
  private Vertx vertx;
  private Context eventLoop;
  private DnsMxResolver resolver;
  private List<String> warmDomains;
  private int nextWarm;
  private long nextFresh;

  @Setup
  public void start() throws Exception {
    BenchmarkLogging.quiet();
    dns = LocalDnsStub.start();
    try {
      vertx = Vertx.vertx();
      eventLoop = vertx.getOrCreateContext();
      DnsOptions options = DnsOptions.defaults().withServers(List.of(dns.address()));
      resolver = new DnsMxResolver(vertx, options, new SimpleMeterRegistry());
      warmDomains = new ArrayList<>();
      for (int i = 0; i < WARM_DOMAINS; i++) {
        String domain = "warm" + i + ".bench.example";
        checked(domain, resolve(domain));
        warmDomains.add(domain);
      }
      if (dns.queries() != (long) WARM_DOMAINS * QUERIES_PER_DOMAIN) {
        throw new IllegalStateException("warming asked " + dns.queries() + " questions, expected "
            + WARM_DOMAINS * QUERIES_PER_DOMAIN);
      }
    } catch (Exception | Error e) {
      try {
        stop();
      } catch (Exception cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e;
    }
  }

  @TearDown
  public void stop() throws Exception {
    try {
      if (vertx != null) {
        VertxCalls.await(vertx.close(), TIMEOUT);
      }
    } finally {
      if (dns != null) {
        dns.close();
      }
    }
  }

  @Benchmark
  @OperationsPerInvocation(LOOKUPS_PER_CALL)
  public Destination cachedDomain() throws Exception {
    long asked = dns.queries();
    List<String> domains = new ArrayList<>(LOOKUPS_PER_CALL);
    for (int i = 0; i < LOOKUPS_PER_CALL; i++) {
      domains.add(warmDomains.get(nextWarm));
      nextWarm = (nextWarm + 1) % warmDomains.size();
    }
    Destination last = VertxCalls.callOn(eventLoop, () -> resolveInTurn(domains, 0, null), TIMEOUT);
    if (dns.queries() != asked) {
      throw new IllegalStateException("a cached domain asked the DNS server");
    }
    return last;
  }

  /** Resolves the domains one after the other on the event loop, each answer checked; completes with the last. */
  private Future<Destination> resolveInTurn(List<String> domains, int index, Destination previous) {
    if (index == domains.size()) {
      return Future.succeededFuture(previous);
    }
    String domain = domains.get(index);
    return resolver.resolve(domain)
        .compose(destination -> resolveInTurn(domains, index + 1, checked(domain, destination)));
  }

  @Benchmark
  public Destination uncachedThenCached() throws Exception {
    String domain = "fresh" + nextFresh++ + ".bench.example";
    long before = dns.queries();
    Destination first = checked(domain, resolve(domain));
    long asked = dns.queries() - before;
    Destination second = checked(domain, resolve(domain));
    if (asked != QUERIES_PER_DOMAIN || dns.queries() - before != QUERIES_PER_DOMAIN) {
      throw new IllegalStateException("resolving " + domain + " twice asked " + (dns.queries() - before)
          + " questions, the first time " + asked + "; expected " + QUERIES_PER_DOMAIN + " and none more");
    }
    if (!first.site().equals(second.site())) {
      throw new IllegalStateException("the cached answer differs: " + first + " then " + second);
    }
    return second;
  }

  Destination resolve(String domain) throws Exception {
    return VertxCalls.callOn(eventLoop, () -> resolver.resolve(domain), TIMEOUT);
  }

  private Destination checked(String domain, Destination destination) {
    if (dns.firstError() != null) {
      throw new IllegalStateException("the DNS stub failed", dns.firstError());
    }
    if (destination.hosts().size() != 2 || destination.implicitMx()
        || !destination.hosts().get(0).name().equals("mx1." + domain)
        || destination.hosts().get(0).addresses().size() != 2) {
      throw new IllegalStateException("unexpected route for " + domain + ": " + destination);
    }
    return destination;
  }
}
