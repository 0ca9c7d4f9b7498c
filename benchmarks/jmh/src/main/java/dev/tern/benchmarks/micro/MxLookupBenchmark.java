package dev.tern.benchmarks.micro;

import dev.tern.benchmarks.VertxCalls;
import dev.tern.delivery.route.Destination;
import dev.tern.delivery.route.dns.DnsMxResolver;
import dev.tern.delivery.route.dns.DnsOptions;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import org.openjdk.jmh.annotations.Benchmark;
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
 * delivery scheduler calls it; the JMH thread waits for each result. {@code cachedDomain}: one of 500 domains
 * resolved in set-up, so MX, A and AAAA all come from the cache (the hit path, event-loop hops included).
 * {@code uncachedThenCached}: a domain never seen, whose resolution asks the stub five questions over UDP (MX,
 * then A and AAAA of both MX hosts), then the same domain again from the cache. Each fails on a wrong answer or
 * when the stub was (not) asked as expected.
 */
@State(Scope.Thread)
public class MxLookupBenchmark extends MicroSettings {

  static final int WARM_DOMAINS = 500;
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
  public Destination cachedDomain() throws Exception {
    String domain = warmDomains.get(nextWarm);
    nextWarm = (nextWarm + 1) % warmDomains.size();
    long asked = dns.queries();
    Destination destination = checked(domain, resolve(domain));
    if (dns.queries() != asked) {
      throw new IllegalStateException("a cached domain asked the DNS server");
    }
    return destination;
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
