package dev.tern.ops.config;

import dev.tern.access.imap.ImapServerOptions;
import dev.tern.ops.config.ImapConfig.ImapLimits;
import dev.tern.ops.config.ImapConfig.ImapListenerConfig;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code imap:} section: defaults, every key, and bad values named by their full path. */
class ImapConfigTest {

  private static ImapConfig imap(String yaml) throws ConfigException {
    return ConfigLoader.parse(yaml, Path.of("/etc/tern")).imap();
  }

  private static String fails(String yaml) {
    return assertThrows(ConfigException.class, () -> ConfigLoader.parse(yaml, Path.of("/etc/tern"))).getMessage();
  }

  @Test
  void defaultsAreImap2143WithStartTlsAndImaps2993OnEveryAddress() throws Exception {
    TernConfig c = ConfigLoader.parse("", Path.of("/etc/tern"));
    ImapConfig imap = c.imap();
    assertEquals(List.of(
        new ImapListenerConfig("imap", false, true, List.of("0.0.0.0", "::"), 2143),
        new ImapListenerConfig("imaps", true, true, List.of("0.0.0.0", "::"), 2993)), imap.listeners());
    assertEquals(imap.listeners(), imap.enabledListeners());
    assertFalse(imap.insecureAuth());
    assertEquals(Duration.ofMinutes(30), imap.idleTimeout());
    assertEquals(new ImapLimits(64 * 1024, 64 * 1024, 64L * 1024 * 1024, 20, 3, 10, Duration.ofMinutes(5), 20_000, 100),
        imap.limits());
    assertEquals(20_000, imap.structureCacheSize());
    assertEquals(c.smtp().instances(), imap.instances(), "instances follow smtp.instances by default");
  }

  @Test
  void theDefaultsAreTheImapServersOwn() throws Exception {
    ImapServerOptions d = new ImapServerOptions();
    ImapConfig imap = imap("");
    assertEquals(d.plaintextAuthOnInsecure(), imap.insecureAuth());
    assertEquals(d.idleTimeout(), imap.idleTimeout());
    assertEquals(d.maxLineLength(), imap.limits().maxLineLength());
    assertEquals(d.maxLiteralSize(), imap.limits().maxLiteralSize());
    assertEquals(d.maxAppendSize(), imap.limits().maxAppendSize());
    assertEquals(d.maxErrorsBeforeDisconnect(), imap.limits().maxErrors());
    assertEquals(d.maxAuthFailuresPerSession(), imap.limits().maxAuthFailures());
    assertEquals(d.maxAuthFailuresPerIp(), imap.limits().maxAuthFailuresPerIp());
    assertEquals(d.authFailureWindow(), imap.limits().authFailureWindow());
    assertEquals(d.maxConnections(), imap.limits().maxConnections());
    assertEquals(d.maxConnectionsPerIp(), imap.limits().maxConnectionsPerIp());
    assertEquals(d.structureCacheSize(), imap.structureCacheSize());
  }

  @Test
  void everyKeyIsRead() throws Exception {
    ImapConfig imap = imap("""
        imap:
          listeners:
            imap: {enabled: false, bind: ["192.0.2.1"], port: 143}
            imaps: {bind: ["::1", "127.0.0.1"], port: 993}
          insecureAuth: true
          idleTimeout: 2h
          limits:
            maxLineLength: 8KiB
            maxLiteralSize: 1MiB
            maxAppendSize: 64M
            maxErrors: 5
            maxAuthFailures: 2
            maxAuthFailuresPerIp: 30
            authFailureWindow: 15m
            maxConnections: 500
            maxConnectionsPerIp: 20
          structureCacheSize: 1000
          instances: 3
        """);
    assertEquals(List.of(
        new ImapListenerConfig("imap", false, false, List.of("192.0.2.1"), 143),
        new ImapListenerConfig("imaps", true, true, List.of("::1", "127.0.0.1"), 993)), imap.listeners());
    assertEquals(List.of("imaps"), imap.enabledListeners().stream().map(ImapListenerConfig::name).toList());
    assertTrue(imap.insecureAuth());
    assertEquals(Duration.ofHours(2), imap.idleTimeout());
    assertEquals(new ImapLimits(8 * 1024, 1024 * 1024, 64L * 1024 * 1024, 5, 2, 30, Duration.ofMinutes(15), 500, 20),
        imap.limits());
    assertEquals(1000, imap.structureCacheSize());
    assertEquals(3, imap.instances());
  }

  @Test
  void sizesTakePlainByteCountsToo() throws Exception {
    ImapLimits limits = imap("imap:\n  limits: {maxLineLength: 2048, maxLiteralSize: 4096, maxAppendSize: 1048576}\n")
        .limits();
    assertEquals(2048, limits.maxLineLength());
    assertEquals(4096, limits.maxLiteralSize());
    assertEquals(1024L * 1024, limits.maxAppendSize());
  }

  @Test
  void instancesFollowSmtpUnlessSet() throws Exception {
    assertEquals(3, imap("smtp: {instances: 3}\n").instances());
    assertEquals(5, imap("smtp: {instances: 3}\nimap: {instances: 5}\n").instances());
  }

  @Test
  void onEphemeralLoopbackPortsKeepsWhichListenersRun() throws Exception {
    ImapConfig imap = imap("imap:\n  listeners:\n    imaps: {enabled: false}\n  instances: 2\n")
        .onEphemeralLoopbackPorts();
    assertEquals(List.of(
        new ImapListenerConfig("imap", false, true, List.of("127.0.0.1"), 0),
        new ImapListenerConfig("imaps", true, false, List.of("127.0.0.1"), 0)), imap.listeners());
    assertEquals(2, imap.instances());
  }

  @Test
  void anIdleTimeoutUnderThirtyMinutesIsRefusedWithTheReason() {
    assertEquals("imap.idleTimeout: must be at least 30m (RFC 3501 section 5.4: clients rely on an autologout timer "
        + "of at least 30 minutes), got 10m", fails("imap: {idleTimeout: 10m}\n"));
    assertTrue(fails("imap: {idleTimeout: 1799s}\n").endsWith("got 1799s"));
    assertTrue(fails("imap: {idleTimeout: 0s}\n").startsWith("imap.idleTimeout: must be at least 30m"));
    assertEquals("imap.idleTimeout: expected a duration like 30s, 5m, 2h or 500ms, got \"half an hour\"",
        fails("imap: {idleTimeout: half an hour}\n"));
  }

  @Test
  void thirtyMinutesExactlyIsAccepted() throws Exception {
    assertEquals(Duration.ofMinutes(30), imap("imap: {idleTimeout: 1800s}\n").idleTimeout());
  }

  @Test
  void badLimitsAreNamedWithTheirFullPath() {
    assertEquals("imap.limits.maxLineLength: must be at least 1024 bytes, got 512",
        fails("imap:\n  limits: {maxLineLength: 512}\n"));
    assertEquals("imap.limits.maxLiteralSize: must be at most 16777216 bytes, got 1073741824",
        fails("imap:\n  limits: {maxLiteralSize: 1GiB}\n"));
    assertEquals("imap.limits.maxLineLength: must be at most 16777216 bytes, got 17825792",
        fails("imap:\n  limits: {maxLineLength: 17MiB}\n"));
    assertEquals("imap.limits.maxAppendSize: expected a size like 25MiB, 512KiB or a number of bytes, got \"lots\"",
        fails("imap:\n  limits: {maxAppendSize: lots}\n"));
    assertEquals("imap.limits.maxAppendSize: must be at least 1024 bytes, got 100",
        fails("imap:\n  limits: {maxAppendSize: 100}\n"));
    assertEquals("imap.limits.maxErrors: must be between 1 and 10000, got 0",
        fails("imap:\n  limits: {maxErrors: 0}\n"));
    assertEquals("imap.limits.maxAuthFailures: must be between 1 and 100, got 101",
        fails("imap:\n  limits: {maxAuthFailures: 101}\n"));
    assertEquals("imap.limits.maxAuthFailuresPerIp: expected an integer, got \"ten\"",
        fails("imap:\n  limits: {maxAuthFailuresPerIp: ten}\n"));
    assertEquals("imap.limits.authFailureWindow: must be longer than 0",
        fails("imap:\n  limits: {authFailureWindow: 0s}\n"));
    assertEquals("imap.limits.maxConnections: must be between 1 and 2147483647, got -1",
        fails("imap:\n  limits: {maxConnections: -1}\n"));
    assertEquals("imap.limits.maxConnectionsPerIp: must be between 1 and 2147483647, got 0",
        fails("imap:\n  limits: {maxConnectionsPerIp: 0}\n"));
  }

  @Test
  void badServerValuesAreNamedWithTheirFullPath() {
    assertEquals("imap.structureCacheSize: must be between 1 and 10000000, got 0",
        fails("imap: {structureCacheSize: 0}\n"));
    assertEquals("imap.instances: must be between 1 and 1024, got 0", fails("imap: {instances: 0}\n"));
    assertEquals("imap.insecureAuth: expected true or false, got \"sometimes\"",
        fails("imap: {insecureAuth: sometimes}\n"));
    assertEquals("imap: expected a mapping of keys, got 143", fails("imap: 143\n"));
  }

  @Test
  void badListenersAreNamedWithTheirFullPath() {
    assertEquals("imap.listeners.imaps.port: must be between 0 and 65535, got 99300",
        fails("imap:\n  listeners:\n    imaps: {port: 99300}\n"));
    assertTrue(fails("imap:\n  listeners:\n    imap: {bind: []}\n")
        .startsWith("imap.listeners.imap.bind: needs at least one address"));
    assertEquals("imap.listeners.imap.enabled: expected true or false, got \"sometimes\"",
        fails("imap:\n  listeners:\n    imap: {enabled: sometimes}\n"));
    assertEquals("imap.listeners.imap.bind[0]: expected a non-empty string, got 143",
        fails("imap:\n  listeners:\n    imap: {bind: [143]}\n"));
  }

  @Test
  void unknownKeysAreNamedWithTheirFullPath() {
    assertTrue(fails("imap:\n  listeners:\n    imap4: {port: 143}\n").startsWith("unknown key imap.listeners.imap4"));
    assertTrue(fails("imap:\n  quota: true\n").startsWith("unknown key imap.quota"),
        "QUOTA follows the configured limits, it is no switch of its own");
    assertTrue(fails("imap:\n  limits: {maxLiteral: 1}\n").startsWith("unknown key imap.limits.maxLiteral"));
    assertTrue(fails("imap:\n  apop: true\n").startsWith("unknown key imap.apop"));
  }
}
