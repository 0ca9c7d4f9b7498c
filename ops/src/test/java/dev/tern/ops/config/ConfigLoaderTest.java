package dev.tern.ops.config;

import dev.tern.relay.SmtpListenerOptions.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigLoaderTest {

  private static final Path EXAMPLE = Path.of("..", "docs", "tern.example.yaml");

  private static String fails(String yaml) {
    return assertThrows(ConfigException.class, () -> ConfigLoader.parse(yaml, Path.of("/etc/tern"))).getMessage();
  }

  @Test
  void emptyFileGivesTheEmbeddedDefaults() throws Exception {
    TernConfig c = ConfigLoader.parse("", Path.of("/etc/tern"));
    assertEquals(Path.of("tern-data"), c.dataDir());
    assertFalse(c.hostname().isBlank());
    assertEquals(List.of("localhost"), c.localDomains());
    assertEquals(List.of("smtp", "submission", "submissions"), c.smtp().listeners().stream().map(ListenerConfig::name).toList());
    assertEquals(List.of(Role.MX, Role.SUBMISSION, Role.SUBMISSIONS), c.smtp().listeners().stream().map(ListenerConfig::role).toList());
    assertEquals(List.of(2525, 2587, 2465), c.smtp().listeners().stream().map(ListenerConfig::port).toList());
    c.smtp().listeners().forEach(l -> {
      assertTrue(l.enabled());
      assertEquals(List.of("0.0.0.0", "::"), l.bind());
    });
    assertEquals(List.of("127.0.0.0/8", "::1/128"), c.smtp().trustedNetworks());
    assertEquals(25L * 1024 * 1024, c.smtp().limits().maxMessageSize());
    assertEquals(1000, c.smtp().limits().maxRecipients());
    assertEquals(Duration.ofMinutes(5), c.smtp().limits().commandTimeout());
    assertEquals(Duration.ofMinutes(3), c.smtp().limits().dataTimeout());
    assertTrue(c.tls().selfSigned());
    assertEquals(new HttpConfig("127.0.0.1", 8025), c.http());
    assertEquals(64L * 1024 * 1024, c.spool().segmentBytes());
    assertEquals(Duration.ofSeconds(30), c.shutdownGrace());
    assertEquals(c, ConfigLoader.parse("# only a comment\n", Path.of("/etc/tern")).withDataDir(c.dataDir()));
  }

  @Test
  void valuesOverrideDefaultsAndRelativePathsFollowTheFile() throws Exception {
    TernConfig c = ConfigLoader.parse("""
        dataDir: data
        hostname: mx.example.org
        localDomains: [Example.ORG., example.net]
        smtp:
          listeners:
            smtp: {port: 25, bind: ["192.0.2.1"]}
            submissions: {enabled: false}
          limits:
            maxMessageSize: 10MiB
            maxRecipients: 50
            maxHeaderBytes: 65536
            dataTimeout: 90s
          instances: 3
        tls: {certificate: tls/c.pem, key: /abs/k.pem}
        http: {bind: "::1", port: 0}
        spool: {segmentSize: 1GiB, minFreeDisk: 0}
        shutdownGrace: 500ms
        """, Path.of("/etc/tern"));
    assertEquals(Path.of("/etc/tern/data"), c.dataDir());
    assertEquals("mx.example.org", c.hostname());
    assertEquals(List.of("example.org", "example.net"), c.localDomains());
    ListenerConfig smtp = c.smtp().listeners().get(0);
    assertEquals(List.of("192.0.2.1"), smtp.bind());
    assertEquals(25, smtp.port());
    assertEquals(List.of("smtp", "submission"), c.smtp().enabledListeners().stream().map(ListenerConfig::name).toList());
    assertEquals(10L * 1024 * 1024, c.smtp().limits().maxMessageSize());
    assertEquals(50, c.smtp().limits().maxRecipients());
    assertEquals(65536, c.smtp().limits().maxHeaderBytes());
    assertEquals(Duration.ofSeconds(90), c.smtp().limits().dataTimeout());
    assertEquals(3, c.smtp().instances());
    assertEquals(new TlsConfig(Path.of("/etc/tern/tls/c.pem"), Path.of("/abs/k.pem")), c.tls());
    assertEquals(new HttpConfig("::1", 0), c.http());
    assertEquals(1024L * 1024 * 1024, c.spool().segmentBytes());
    assertEquals(0, c.spool().minFreeDiskBytes());
    assertEquals(Duration.ofMillis(500), c.shutdownGrace());
  }

  @Test
  void deliveryAndDnsSections() throws Exception {
    TernConfig defaults = ConfigLoader.parse("", Path.of("/etc/tern"));
    assertEquals(Duration.ofMinutes(1), defaults.delivery().retryInitialDelay());
    assertEquals(Duration.ofDays(5), defaults.delivery().maxQueueLifetime());
    assertEquals("opportunistic", defaults.delivery().tlsPolicy());
    assertEquals(25, defaults.delivery().remotePort());
    assertEquals(List.of(), defaults.dns().servers());

    TernConfig c = ConfigLoader.parse("""
        delivery:
          retry: {initialDelay: 2s, multiplier: 1.5, maxDelay: 10s}
          remotePort: 2526
          allowPrivateMx: true
          relayhost: {address: "smarthost.example:587", username: app, password: s3cret}
          tls: {policy: require, domains: {bank.example: require, old.example: "off"}}
        dns:
          servers: ["127.0.0.1:5353"]
          ipv6: false
        """, Path.of("/etc/tern"));
    assertEquals(1.5, c.delivery().retryMultiplier());
    assertEquals("smarthost.example:587", c.delivery().relayhost());
    assertTrue(!c.delivery().toString().contains("s3cret") && !c.toString().contains("s3cret"),
        "the relayhost password never shows in a printed config");
    assertEquals("off", c.delivery().tlsPolicies().get("old.example"));
    assertEquals(List.of("127.0.0.1:5353"), c.dns().servers());

    assertEquals("delivery.tls.policy: expected require, opportunistic or off, got \"maybe\"",
        fails("delivery:\n  tls: {policy: maybe}\n"));
    assertEquals("delivery.relayhost.password: relayhost username and password must be given together",
        fails("delivery:\n  relayhost: {address: \"a.example:25\", username: u}\n"));
    assertEquals("dns.servers[0]: expected an IP address with an optional :port, got \"resolver.example\"",
        fails("dns:\n  servers: [resolver.example]\n"));
    assertEquals("delivery.retry.multiplier: expected a number, got \"lots\"", fails("delivery:\n  retry: {multiplier: lots}\n"));
    assertTrue(defaults.delivery().tlsVerify(), "certificates are verified where TLS is required, by default");
  }

  @Test
  void badDeliveryAndDnsValuesAreNamed() {
    assertEquals("delivery.retry.maxDelay: must be at least delivery.retry.initialDelay (5m), got 1m",
        fails("delivery:\n  retry: {initialDelay: 5m, maxDelay: 1m}\n"));
    assertEquals("delivery.relayhost.address: expected host:port, got \"smarthost.example:99999\"",
        fails("delivery:\n  relayhost: {address: \"smarthost.example:99999\"}\n"));
    assertEquals("delivery.relayhost.address: expected host:port, got \"smarthost.example:\"",
        fails("delivery:\n  relayhost: {address: \"smarthost.example:\"}\n"));
    for (String bad : new String[] {"999.1.1.1", "127.0.0.1:0", "1.2.3", "[::1", "[::1]x", "::g"}) {
      assertTrue(fails("dns:\n  servers: [\"" + bad + "\"]\n").startsWith("dns.servers[0]: expected an IP address"), bad);
    }
  }

  @Test
  void hostPortForms() {
    assertEquals(new HostPort("mx.example", 587), HostPort.parse("mx.example:587", 25).orElseThrow());
    assertEquals(new HostPort("mx.example", 25), HostPort.parse("mx.example", 25).orElseThrow());
    assertEquals(new HostPort("::1", 5353), HostPort.parse("[::1]:5353", 53).orElseThrow());
    assertEquals(new HostPort("::1", 53), HostPort.parse("[::1]", 53).orElseThrow());
    assertEquals(new HostPort("fe80::1", 53), HostPort.parse("fe80::1", 53).orElseThrow());
    assertTrue(HostPort.parse("192.0.2.1:53", 53).orElseThrow().ipLiteral());
    assertTrue(HostPort.parse("fe80::1", 53).orElseThrow().ipLiteral());
    assertFalse(HostPort.parse("mx.example", 53).orElseThrow().ipLiteral());
    assertFalse(HostPort.parse("256.1.1.1", 53).orElseThrow().ipLiteral());
    assertTrue(HostPort.parse(":25", 25).isEmpty());
    assertTrue(HostPort.parse("host:70000", 25).isEmpty());
  }

  @Test
  void unknownKeysAreNamedWithTheirFullPath() {
    assertTrue(fails("smtp:\n  lisenters: {}\n").startsWith("unknown key smtp.lisenters"), fails("smtp:\n  lisenters: {}\n"));
    assertTrue(fails("smtp:\n  listeners:\n    imap: {port: 143}\n").startsWith("unknown key smtp.listeners.imap"));
    assertTrue(fails("smtp:\n  limits:\n    maxRecipient: 5\n").startsWith("unknown key smtp.limits.maxRecipient"));
    assertTrue(fails("hostnme: a\n").startsWith("unknown key hostnme"));
  }

  @Test
  void wrongTypesAreNamedWithTheirFullPath() {
    assertEquals("smtp.limits.maxRecipients: expected an integer, got \"abc\"", fails("smtp:\n  limits:\n    maxRecipients: abc\n"));
    assertEquals("smtp.listeners.smtp.enabled: expected true or false, got \"yes please\"",
        fails("smtp:\n  listeners:\n    smtp: {enabled: yes please}\n"));
    assertEquals("smtp.listeners.submission.port: must be between 0 and 65535, got 70000",
        fails("smtp:\n  listeners:\n    submission: {port: 70000}\n"));
    assertEquals("smtp.trustedNetworks: expected a list of strings, got \"10.0.0.0/8\"", fails("smtp:\n  trustedNetworks: 10.0.0.0/8\n"));
    assertEquals("localDomains[1]: expected a non-empty string, got 42", fails("localDomains: [a.example, 42]\n"));
    assertEquals("http: expected a mapping of keys, got 8025", fails("http: 8025\n"));
    assertTrue(fails("- a\n- b\n").startsWith("the config file: expected a mapping"));
    assertTrue(fails("spool:\n  segmentSize: lots\n").startsWith("spool.segmentSize: expected a size"));
    assertTrue(fails("hostname: \"bad host!\"\n").startsWith("hostname: not a valid host name"));
    assertTrue(fails("smtp:\n  listeners:\n    smtp: {bind: []}\n").startsWith("smtp.listeners.smtp.bind: needs at least one address"));
  }

  @Test
  void badDurationsAreRejected() {
    assertEquals("smtp.limits.commandTimeout: expected a duration like 30s, 5m, 2h or 500ms, got \"5 minutes\"",
        fails("smtp:\n  limits:\n    commandTimeout: 5 minutes\n"));
    assertTrue(fails("shutdownGrace: 30\n").startsWith("shutdownGrace: expected a duration"));
    assertTrue(fails("shutdownGrace: -5s\n").startsWith("shutdownGrace: expected a duration"));
    assertEquals("smtp.limits.dataTimeout: must be longer than 0", fails("smtp:\n  limits:\n    dataTimeout: 0s\n"));
  }

  @Test
  void tlsCertificateAndKeyGoTogether() {
    assertTrue(fails("tls:\n  certificate: c.pem\n").contains("must be given together"));
  }

  @Test
  void brokenYamlAndDuplicateKeysAreReported() {
    assertTrue(fails("smtp: [unclosed\n").startsWith("invalid YAML"));
    assertTrue(fails("hostname: a\nhostname: b\n").startsWith("invalid YAML"));
  }

  @Test
  void missingFileIsReportedByName(@TempDir Path dir) {
    Path missing = dir.resolve("nope.yaml");
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(missing));
    assertEquals("config file " + missing + " does not exist", e.getMessage());
  }

  @Test
  void fileErrorsNameTheFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("tern.yaml");
    Files.writeString(file, "http:\n  prot: 1\n");
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(file));
    assertTrue(e.getMessage().startsWith(file + ": unknown key http.prot"), e.getMessage());
  }

  @Test
  void theExampleFileParsesToTheDefaults() throws Exception {
    TernConfig example = ConfigLoader.load(EXAMPLE);
    TernConfig defaults = ConfigLoader.defaults();
    assertEquals(defaults.withDataDir(example.dataDir()), example);
    assertEquals(EXAMPLE.toAbsolutePath().getParent().resolve("tern-data").normalize(), example.dataDir().normalize());
  }

  @Test
  void theExampleFileDocumentsEveryKnownKey() throws Exception {
    Object tree = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(EXAMPLE));
    Set<String> documented = new TreeSet<>();
    collect("", tree, documented);
    Set<String> known = new TreeSet<>(ConfigLoader.knownKeys());
    assertTrue(known.size() > 30, "parser knows " + known);
    Set<String> undocumented = new TreeSet<>(known);
    undocumented.removeAll(documented);
    assertEquals(Set.of(), undocumented);
  }

  private static void collect(String prefix, Object node, Set<String> out) {
    if (node instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> e : map.entrySet()) {
        String path = prefix.isEmpty() ? String.valueOf(e.getKey()) : prefix + "." + e.getKey();
        out.add(path);
        collect(path, e.getValue(), out);
      }
    }
  }
}
