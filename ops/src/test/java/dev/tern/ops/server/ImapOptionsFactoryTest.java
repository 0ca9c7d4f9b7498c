package dev.tern.ops.server;

import dev.tern.access.imap.ImapListenerOptions;
import dev.tern.access.imap.ImapServerOptions;
import dev.tern.ops.config.ConfigLoader;
import dev.tern.ops.config.TernConfig;
import io.vertx.core.net.PemKeyCertOptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImapOptionsFactoryTest {

  private static final PemKeyCertOptions CERT = new PemKeyCertOptions().setCertPath("cert.pem").setKeyPath("key.pem");

  @Test
  void everyConfiguredValueReachesTheServerOptions() throws Exception {
    TernConfig config = ConfigLoader.parse("""
        hostname: imap.example.org
        imap:
          listeners:
            imap: {bind: ["192.0.2.1"], port: 143}
            imaps: {bind: ["::1", "127.0.0.1"], port: 993}
          insecureAuth: true
          idleTimeout: 1h
          limits:
            maxLineLength: 8KiB
            maxLiteralSize: 128KiB
            maxAppendSize: 50MiB
            maxErrors: 5
            maxAuthFailures: 2
            maxAuthFailuresPerIp: 30
            authFailureWindow: 15m
            maxConnections: 500
            maxConnectionsPerIp: 20
          structureCacheSize: 1000
          instances: 3
        """, Path.of("."));
    ImapServerOptions o = ImapOptionsFactory.build(config, CERT, true);
    assertEquals("imap.example.org", o.hostname());
    assertSame(CERT, o.keyCert());
    assertEquals(List.of(new ImapListenerOptions("imap", List.of("192.0.2.1"), 143, false),
        new ImapListenerOptions("imaps", List.of("::1", "127.0.0.1"), 993, true)), o.listeners());
    assertTrue(o.plaintextAuthOnInsecure());
    assertTrue(o.quota());
    assertEquals(Duration.ofHours(1), o.idleTimeout());
    assertEquals(8 * 1024, o.maxLineLength());
    assertEquals(128 * 1024, o.maxLiteralSize());
    assertEquals(50L * 1024 * 1024, o.maxAppendSize());
    assertEquals(5, o.maxErrorsBeforeDisconnect());
    assertEquals(2, o.maxAuthFailuresPerSession());
    assertEquals(30, o.maxAuthFailuresPerIp());
    assertEquals(Duration.ofMinutes(15), o.authFailureWindow());
    assertEquals(500, o.maxConnections());
    assertEquals(20, o.maxConnectionsPerIp());
    assertEquals(1000, o.structureCacheSize());
    assertEquals(3, o.eventLoopInstances());
    assertDoesNotThrow(o::validate);
  }

  @Test
  void theDefaultConfigGivesOptionsTheServerAccepts() {
    TernConfig defaults = ConfigLoader.defaults();
    ImapServerOptions o = ImapOptionsFactory.build(defaults, CERT, false);
    assertFalse(o.quota());
    assertEquals(List.of("imap", "imaps"), o.listeners().stream().map(ImapListenerOptions::name).toList());
    assertEquals(defaults.hostname(), o.hostname());
    assertDoesNotThrow(o::validate);
  }

  @Test
  void onlyEnabledListenersAreGiven() throws Exception {
    TernConfig config = ConfigLoader.parse("imap:\n  listeners:\n    imaps: {enabled: false}\n", Path.of("."));
    assertEquals(List.of(new ImapListenerOptions("imap", List.of("0.0.0.0", "::"), 2143, false)),
        ImapOptionsFactory.build(config, CERT, false).listeners());
  }

  @Test
  void implicitTlsWithoutACertificateIsRefusedByTheServerOptions() {
    ImapServerOptions o = ImapOptionsFactory.build(ConfigLoader.defaults(), null, false);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, o::validate);
    assertEquals("IMAP listener imaps uses implicit TLS but no certificate is configured", e.getMessage());
  }
}
