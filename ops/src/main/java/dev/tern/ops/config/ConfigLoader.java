package dev.tern.ops.config;

import dev.tern.delivery.fs.FsSpoolOptions;
import dev.tern.relay.SmtpListenerOptions.Role;
import dev.tern.relay.SmtpServerOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the YAML config file into a {@link TernConfig}. The YAML is loaded with SnakeYAML's
 * SafeConstructor (plain maps, lists and scalars only) and checked by hand, so that a mistake is
 * reported with the full key path rather than as a reflection error. Every key is optional. Blocking:
 * call it before Vert.x starts.
 */
public final class ConfigLoader {

  public static final Path DEFAULT_DATA_DIR = Path.of("tern-data");
  public static final List<String> ALL_ADDRESSES = List.of("0.0.0.0", "::");

  private static final Pattern HOSTNAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*\\.?");
  private static final Pattern CIDR = Pattern.compile("[0-9A-Fa-f:.]+(/\\d{1,3})?");

  private ConfigLoader() {}

  /** The config of `tern serve` without a config file. */
  public static TernConfig defaults() {
    try {
      return parse("", Path.of(""));
    } catch (ConfigException impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  /** Reads a config file; relative paths inside it are relative to the file's directory. */
  public static TernConfig load(Path file) throws ConfigException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new ConfigException("config file " + file + " does not exist");
    } catch (IOException e) {
      throw new ConfigException("cannot read config file " + file + ": " + e.getMessage(), e);
    }
    Path base = file.toAbsolutePath().getParent();
    try {
      return parse(text, base);
    } catch (ConfigException e) {
      throw new ConfigException(file + ": " + e.getMessage(), e);
    }
  }

  /** Parses YAML text; relative paths are resolved against {@code baseDir}. */
  public static TernConfig parse(String yaml, Path baseDir) throws ConfigException {
    return read(yaml, baseDir, new LinkedHashSet<>());
  }

  /** The full path of every key the parser understands, for documentation checks. */
  public static Set<String> knownKeys() {
    Set<String> keys = new LinkedHashSet<>();
    try {
      read("", Path.of(""), keys);
    } catch (ConfigException impossible) {
      throw new IllegalStateException(impossible);
    }
    return keys;
  }

  private static TernConfig read(String yaml, Path baseDir, Set<String> keysRead) throws ConfigException {
    ConfigSection root = ConfigSection.root(loadYaml(yaml), keysRead);

    String dataDirText = root.string("dataDir", null);
    Path dataDir = dataDirText == null ? DEFAULT_DATA_DIR : baseDir.resolve(dataDirText);
    String hostname = root.string("hostname", null);
    if (hostname == null) {
      hostname = machineHostname();
    } else if (!HOSTNAME.matcher(hostname).matches()) {
      throw new ConfigException(root.path("hostname") + ": not a valid host name: \"" + hostname + "\"");
    }
    List<String> localDomains = domains(root, "localDomains");
    SmtpConfig smtp = smtp(root.section("smtp"));
    TlsConfig tls = tls(root.section("tls"), baseDir);
    HttpConfig http = http(root.section("http"));
    SpoolConfig spool = spool(root.section("spool"));
    DeliveryConfig delivery = delivery(root.section("delivery"));
    DnsConfig dns = dns(root.section("dns"));
    MailboxConfig mailboxes = AccessConfigReader.mailboxes(root.section("mailboxes"));
    Pop3Config pop3 = AccessConfigReader.pop3(root.section("pop3"), smtp.instances());
    ImapConfig imap = AccessConfigReader.imap(root.section("imap"), smtp.instances());
    Duration grace = root.duration("shutdownGrace", Duration.ofSeconds(30));
    root.finish();
    return new TernConfig(dataDir, hostname, localDomains, smtp, tls, http, spool, delivery, dns, mailboxes, pop3,
        imap, grace);
  }

  private static Object loadYaml(String yaml) throws ConfigException {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setAllowRecursiveKeys(false);
    options.setMaxAliasesForCollections(10);
    try {
      return new Yaml(new SafeConstructor(options)).load(yaml);
    } catch (MarkedYAMLException e) {
      String where = e.getProblemMark() == null ? "" : " at line " + (e.getProblemMark().getLine() + 1);
      throw new ConfigException("invalid YAML" + where + ": " + e.getProblem(), e);
    } catch (YAMLException e) {
      throw new ConfigException("invalid YAML: " + e.getMessage(), e);
    }
  }

  private static List<String> domains(ConfigSection root, String key) throws ConfigException {
    List<String> domains = root.strings(key, List.of("localhost"));
    List<String> out = new ArrayList<>();
    for (int i = 0; i < domains.size(); i++) {
      String d = domains.get(i).toLowerCase(Locale.ROOT);
      if (d.endsWith(".")) {
        d = d.substring(0, d.length() - 1);
      }
      if (!HOSTNAME.matcher(d).matches()) {
        throw new ConfigException(root.path(key) + "[" + i + "]: not a valid domain: \"" + domains.get(i) + "\"");
      }
      out.add(d);
    }
    if (out.isEmpty()) {
      throw new ConfigException(root.path(key) + ": needs at least one domain");
    }
    return out;
  }

  private static SmtpConfig smtp(ConfigSection s) throws ConfigException {
    ConfigSection ls = s.section("listeners");
    List<ListenerConfig> listeners = List.of(
        listener(ls.section("smtp"), "smtp", Role.MX, 2525),
        listener(ls.section("submission"), "submission", Role.SUBMISSION, 2587),
        listener(ls.section("submissions"), "submissions", Role.SUBMISSIONS, 2465));
    ls.finish();
    SmtpServerOptions d = new SmtpServerOptions();
    List<String> trusted = s.strings("trustedNetworks", d.trustedNetworks());
    for (int i = 0; i < trusted.size(); i++) {
      if (!CIDR.matcher(trusted.get(i)).matches()) {
        throw new ConfigException(s.path("trustedNetworks") + "[" + i + "]: not a CIDR block: \"" + trusted.get(i) + "\"");
      }
    }
    SmtpLimits limits = limits(s.section("limits"), d);
    int instances = s.integer("instances", d.eventLoopInstances(), 1, 1024);
    s.finish();
    return new SmtpConfig(listeners, trusted, limits, instances);
  }

  private static ListenerConfig listener(ConfigSection l, String name, Role role, int defaultPort) throws ConfigException {
    boolean enabled = l.bool("enabled", true);
    List<String> bind = l.strings("bind", ALL_ADDRESSES);
    if (bind.isEmpty()) {
      throw new ConfigException(l.path("bind") + ": needs at least one address (set enabled: false to turn the listener off)");
    }
    int port = l.integer("port", defaultPort, 0, 65535);
    l.finish();
    return new ListenerConfig(name, role, enabled, bind, port);
  }

  private static SmtpLimits limits(ConfigSection l, SmtpServerOptions d) throws ConfigException {
    SmtpLimits limits = new SmtpLimits(
        l.size("maxMessageSize", d.maxMessageSize(), 1024),
        l.integer("maxRecipients", d.maxRecipients(), 1, Integer.MAX_VALUE),
        l.integer("maxCommandLineLength", d.maxCommandLineLength(), 512, 1 << 20),
        l.integer("maxTextLineLength", d.maxTextLineLength(), 1000, 1 << 20),
        (int) Math.min(Integer.MAX_VALUE, l.size("maxHeaderBytes", d.maxHeaderBytes(), 1024)),
        l.integer("maxReceivedHeaders", d.maxReceivedHeaders(), 1, 10_000),
        l.integer("maxErrors", d.maxErrors(), 1, Integer.MAX_VALUE),
        l.integer("maxConnections", d.maxConnections(), 1, Integer.MAX_VALUE),
        l.integer("maxConnectionsPerIp", d.maxConnectionsPerIp(), 1, Integer.MAX_VALUE),
        l.integer("maxAuthFailuresPerIp", d.maxAuthFailuresPerIp(), 1, Integer.MAX_VALUE),
        positive(l, "authFailureWindow", d.authFailureWindow()),
        positive(l, "commandTimeout", d.commandTimeout()),
        positive(l, "dataTimeout", d.dataTimeout()));
    l.finish();
    return limits;
  }

  private static Duration positive(ConfigSection s, String key, Duration defaultValue) throws ConfigException {
    return s.positiveDuration(key, defaultValue);
  }

  private static TlsConfig tls(ConfigSection t, Path baseDir) throws ConfigException {
    String cert = t.string("certificate", null);
    String key = t.string("key", null);
    t.finish();
    if ((cert == null) != (key == null)) {
      throw new ConfigException(t.path(cert == null ? "certificate" : "key")
          + ": tls.certificate and tls.key must be given together (or neither, for a self-signed certificate)");
    }
    return cert == null ? TlsConfig.SELF_SIGNED : new TlsConfig(baseDir.resolve(cert), baseDir.resolve(key));
  }

  private static HttpConfig http(ConfigSection h) throws ConfigException {
    HttpConfig http = new HttpConfig(h.string("bind", "127.0.0.1"), h.integer("port", 8025, 0, 65535));
    h.finish();
    return http;
  }

  private static SpoolConfig spool(ConfigSection s) throws ConfigException {
    FsSpoolOptions d = FsSpoolOptions.defaults(Path.of(""));
    SpoolConfig spool = new SpoolConfig(
        s.size("segmentSize", d.segmentBytes(), 64 * 1024),
        s.size("minFreeDisk", d.minFreeDiskBytes(), 0));
    s.finish();
    return spool;
  }

  private static DeliveryConfig delivery(ConfigSection d) throws ConfigException {
    ConfigSection retry = d.section("retry");
    Duration initial = positive(retry, "initialDelay", Duration.ofMinutes(1));
    double multiplier = retry.decimal("multiplier", 2.0, 1.0, 100.0);
    Duration max = positive(retry, "maxDelay", Duration.ofHours(1));
    if (max.compareTo(initial) < 0) {
      throw new ConfigException(retry.path("maxDelay") + ": must be at least " + retry.path("initialDelay")
          + " (" + Units.formatDuration(initial) + "), got " + Units.formatDuration(max));
    }
    retry.finish();
    Duration lifetime = positive(d, "maxQueueLifetime", Duration.ofDays(5));
    boolean bounces = d.bool("bounces", true);
    Duration delayWarning = d.duration("delayWarningAfter", null);
    int remotePort = d.integer("remotePort", 25, 1, 65535);
    boolean allowPrivateMx = d.bool("allowPrivateMx", false);
    ConfigSection relay = d.section("relayhost");
    String relayhost = relay.string("address", null);
    if (relayhost != null && (!relayhost.matches("\\[?[A-Za-z0-9.:-]+]?(:\\d{1,5})?")
        || HostPort.parse(relayhost, 25).isEmpty())) {
      throw new ConfigException(relay.path("address") + ": expected host:port, got \"" + relayhost + "\"");
    }
    String user = relay.string("username", null);
    String password = relay.string("password", null);
    relay.finish();
    if ((user == null) != (password == null)) {
      throw new ConfigException(relay.path(user == null ? "username" : "password")
          + ": relayhost username and password must be given together");
    }
    ConfigSection pool = d.section("connections");
    int perSite = pool.integer("maxPerSite", 10, 1, 10_000);
    double rate = pool.decimal("maxMessagesPerSecond", 0, 0, 1_000_000);
    Duration idle = positive(pool, "idleTimeout", Duration.ofSeconds(30));
    int perConnection = pool.integer("maxMessagesPerConnection", 100, 1, 1_000_000);
    pool.finish();
    ConfigSection tls = d.section("tls");
    String policy = tlsPolicy(tls, "policy", tls.string("policy", "opportunistic"));
    boolean verify = tls.bool("verify", true);
    Map<String, String> perDomain = tls.stringMap("domains");
    for (Map.Entry<String, String> e : perDomain.entrySet()) {
      tlsPolicy(tls, "domains." + e.getKey(), e.getValue());
    }
    tls.finish();
    int concurrent = d.integer("maxConcurrentDeliveries", 200, 1, 100_000);
    d.finish();
    return new DeliveryConfig(initial, multiplier, max, lifetime, bounces, delayWarning, remotePort, allowPrivateMx,
        relayhost, user, password, perSite, rate, idle, perConnection, policy, verify, perDomain, concurrent);
  }

  private static String tlsPolicy(ConfigSection s, String key, String value) throws ConfigException {
    if (!List.of("require", "opportunistic", "off").contains(value)) {
      throw new ConfigException(s.path(key) + ": expected require, opportunistic or off, got \"" + value + "\"");
    }
    return value;
  }

  private static DnsConfig dns(ConfigSection d) throws ConfigException {
    List<String> servers = d.strings("servers", List.of());
    for (int i = 0; i < servers.size(); i++) {
      if (!HostPort.parse(servers.get(i), 53).map(HostPort::ipLiteral).orElse(false)) {
        throw new ConfigException(d.path("servers") + "[" + i + "]: expected an IP address with an optional :port, got \""
            + servers.get(i) + "\"");
      }
    }
    DnsConfig dns = new DnsConfig(servers, positive(d, "timeout", Duration.ofSeconds(5)), d.bool("ipv6", true));
    d.finish();
    return dns;
  }

  private static String machineHostname() {
    try {
      String name = InetAddress.getLocalHost().getCanonicalHostName();
      return name == null || name.isBlank() || !HOSTNAME.matcher(name).matches() ? "localhost" : name;
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }
}
