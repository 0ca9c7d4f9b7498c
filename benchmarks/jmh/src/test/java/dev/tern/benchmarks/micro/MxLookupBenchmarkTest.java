package dev.tern.benchmarks.micro;

import dev.tern.benchmarks.VertxCalls;
import dev.tern.delivery.route.Destination;
import dev.tern.delivery.route.RouteFailure;
import dev.tern.delivery.route.dns.DnsMxResolver;
import dev.tern.delivery.route.dns.DnsOptions;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MxLookupBenchmarkTest {

  @Test
  void cachedAndUncachedLookupsGiveTheStubsRoutes() throws Exception {
    MxLookupBenchmark benchmark = new MxLookupBenchmark();
    benchmark.start();
    try {
      Destination cached = benchmark.cachedDomain();
      assertEquals("warm99.bench.example", cached.domain());
      assertEquals(List.of("mx1.warm99.bench.example", "mx2.warm99.bench.example"),
          cached.hosts().stream().map(h -> h.name()).toList());
      assertEquals(List.of(InetAddress.getByName("2001:db8::1"), InetAddress.getByName("192.0.2.1")),
          cached.hosts().get(0).addresses());
      assertEquals("warm199.bench.example", benchmark.cachedDomain().domain());
      for (int i = 0; i < 3; i++) {
        benchmark.cachedDomain();
      }
      assertEquals("warm99.bench.example", benchmark.cachedDomain().domain(), "the 500 domains in turn");
      assertEquals("fresh0.bench.example", benchmark.uncachedThenCached().domain());
      assertEquals("fresh1.bench.example", benchmark.uncachedThenCached().domain());
    } finally {
      benchmark.stop();
    }
  }

  @Test
  void namesOutsideTheStubsZoneDoNotExist() throws Exception {
    Vertx vertx = Vertx.vertx();
    try (LocalDnsStub dns = LocalDnsStub.start()) {
      DnsMxResolver resolver = new DnsMxResolver(vertx,
          DnsOptions.defaults().withServers(List.of(dns.address())), new SimpleMeterRegistry());
      RouteFailure failure = assertThrows(RouteFailure.class, () -> VertxCalls.callOn(vertx.getOrCreateContext(),
          () -> resolver.resolve("nowhere.example.org"), Duration.ofSeconds(20)));
      assertTrue(failure.permanent(), failure.toString());
      RouteFailure noHost = assertThrows(RouteFailure.class, () -> VertxCalls.callOn(vertx.getOrCreateContext(),
          () -> resolver.resolve("mx3.x.bench.example"), Duration.ofSeconds(20)));
      assertTrue(noHost.permanent(), noHost.toString());
      assertTrue(dns.queries() >= 2);
      assertNull(dns.firstError());
    } finally {
      VertxCalls.await(vertx.close(), Duration.ofSeconds(20));
    }
  }
}
