package dev.tern.ops.server;

import dev.tern.delivery.route.smtp.TlsPolicy;
import dev.tern.ops.config.ConfigLoader;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeliverySettingsTest {

  private static DeliverySettings settings(String yaml) throws Exception {
    return DeliverySettings.build(ConfigLoader.parse("hostname: mx.tern.example\n" + yaml, Path.of(".")));
  }

  @Test
  void defaultsFollowTheIssue() throws Exception {
    DeliverySettings s = settings("");
    assertEquals(Duration.ofMinutes(1), s.scheduler().retry().firstRetry());
    assertEquals(2.0, s.scheduler().retry().factor());
    assertEquals(Duration.ofHours(1), s.scheduler().retry().maxDelay());
    assertEquals(Duration.ofDays(5), s.scheduler().retry().maxLifetime());
    assertTrue(s.scheduler().bounces());
    assertNull(s.scheduler().delayWarningAfter());
    assertNull(s.scheduler().relayhost());
    assertEquals("mx.tern.example", s.scheduler().hostname());
    assertEquals(200, s.scheduler().maxInFlight());
    assertEquals(List.of(), s.dns().servers());
    assertFalse(s.dns().allowPrivateMx());
    assertTrue(s.dns().ipv6());
    assertEquals("mx.tern.example", s.outbound().heloName());
    assertEquals(25, s.outbound().remotePort());
    assertEquals(TlsPolicy.OPPORTUNISTIC, s.outbound().defaultTlsPolicy());
    assertTrue(s.outbound().verifyCertificates(TlsPolicy.REQUIRE));
    assertFalse(s.outbound().verifyCertificates(TlsPolicy.OPPORTUNISTIC));
    assertNull(s.outbound().smarthostAuth());
  }

  @Test
  void everyKeyReachesItsOption() throws Exception {
    DeliverySettings s = settings("""
        delivery:
          retry: {initialDelay: 1s, multiplier: 3, maxDelay: 4s}
          maxQueueLifetime: 2h
          bounces: false
          delayWarningAfter: 4h
          remotePort: 2526
          allowPrivateMx: true
          connections: {maxPerSite: 3, maxMessagesPerSecond: 2.5, idleTimeout: 5s, maxMessagesPerConnection: 7}
          tls: {policy: "off", verify: false, domains: {bank.example: require}}
          maxConcurrentDeliveries: 40
        dns:
          servers: ["127.0.0.1:5353", "[::1]", "192.0.2.53"]
          timeout: 2s
          ipv6: false
        """);
    assertEquals(Duration.ofSeconds(1), s.scheduler().retry().firstRetry());
    assertEquals(3.0, s.scheduler().retry().factor());
    assertEquals(Duration.ofSeconds(4), s.scheduler().retry().maxDelay());
    assertEquals(Duration.ofHours(2), s.scheduler().retry().maxLifetime());
    assertFalse(s.scheduler().bounces());
    assertEquals(Duration.ofHours(4), s.scheduler().delayWarningAfter());
    assertEquals(40, s.scheduler().maxInFlight());
    assertEquals(40, s.scheduler().batchSize());
    assertEquals(List.of(new InetSocketAddress("127.0.0.1", 5353), new InetSocketAddress("::1", 53),
        new InetSocketAddress("192.0.2.53", 53)), s.dns().servers());
    assertEquals(Duration.ofSeconds(2), s.dns().timeout());
    assertFalse(s.dns().ipv6());
    assertTrue(s.dns().allowPrivateMx());
    assertEquals(2526, s.outbound().remotePort());
    assertEquals(3, s.outbound().maxConnectionsPerSite());
    assertEquals(2.5, s.outbound().rateLimitPerSecond());
    assertEquals(Duration.ofSeconds(5), s.outbound().idleTimeout());
    assertEquals(7, s.outbound().maxMessagesPerConnection());
    assertEquals(TlsPolicy.OFF, s.outbound().tlsPolicyFor("other.example"));
    assertEquals(TlsPolicy.REQUIRE, s.outbound().tlsPolicyFor("BANK.example"));
    assertFalse(s.outbound().verifyCertificates(TlsPolicy.REQUIRE));
  }

  @Test
  void theRelayhostPortWinsOverRemotePortAndCarriesTheCredentials() throws Exception {
    DeliverySettings s = settings("""
        delivery:
          remotePort: 2526
          relayhost: {address: "smarthost.example:587", username: app, password: s3cret}
        """);
    assertEquals("smarthost.example:587", s.scheduler().relayhost());
    assertEquals(587, s.outbound().remotePort());
    assertEquals("smarthost.example", s.outbound().smarthostAuth().host());
    assertEquals("app", s.outbound().smarthostAuth().username());
    assertFalse(s.outbound().smarthostAuth().toString().contains("s3cret"));

    DeliverySettings noPort = settings("delivery:\n  remotePort: 2526\n  relayhost: {address: \"[2001:db8::25]\"}\n");
    assertEquals(2526, noPort.outbound().remotePort());
    assertNull(noPort.outbound().smarthostAuth());
  }
}
