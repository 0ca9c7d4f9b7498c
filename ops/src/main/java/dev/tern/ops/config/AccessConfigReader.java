package dev.tern.ops.config;

import dev.tern.access.imap.ImapServerOptions;
import dev.tern.access.pop3.Pop3ServerOptions;
import dev.tern.ops.config.ImapConfig.ImapLimits;
import dev.tern.ops.config.ImapConfig.ImapListenerConfig;
import dev.tern.ops.config.Pop3Config.Pop3Limits;
import dev.tern.ops.config.Pop3Config.Pop3ListenerConfig;

import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;

/** Reads the sections of the mail access side: {@code mailboxes}, {@code pop3} and {@code imap}. */
final class AccessConfigReader {

  /**
   * Upper bound of the IMAP line and held-literal limits: both are buffered in memory per connection, so a value
   * far beyond what any client sends would only let one connection hold that much.
   */
  static final int MAX_IMAP_HELD_BYTES = 16 * 1024 * 1024;

  private AccessConfigReader() {}

  static MailboxConfig mailboxes(ConfigSection m) throws ConfigException {
    long quota = m.size("quota", 0, 0);
    String overQuota = m.string("overQuota", "defer");
    if (!overQuota.equals("defer") && !overQuota.equals("fail")) {
      throw new ConfigException(m.path("overQuota") + ": expected defer or fail, got \"" + overQuota + "\"");
    }
    m.finish();
    return new MailboxConfig(quota == 0 ? OptionalLong.empty() : OptionalLong.of(quota), overQuota.equals("fail"));
  }

  static Pop3Config pop3(ConfigSection p, int defaultInstances) throws ConfigException {
    ConfigSection ls = p.section("listeners");
    ListenerFields pop3 = listener(ls.section("pop3"), 2110);
    ListenerFields pop3s = listener(ls.section("pop3s"), 2995);
    ls.finish();
    List<Pop3ListenerConfig> listeners = List.of(
        new Pop3ListenerConfig("pop3", false, pop3.enabled(), pop3.bind(), pop3.port()),
        new Pop3ListenerConfig("pop3s", true, pop3s.enabled(), pop3s.bind(), pop3s.port()));
    Pop3ServerOptions d = new Pop3ServerOptions();
    boolean apop = p.bool("apop", d.apop());
    boolean insecureAuth = p.bool("insecureAuth", d.plaintextAuthOnInsecure());
    Duration idle = p.positiveDuration("idleTimeout", d.idleTimeout());
    ConfigSection l = p.section("limits");
    Pop3Limits limits = new Pop3Limits(
        l.integer("maxErrors", d.maxErrorsBeforeDisconnect(), 1, 10_000),
        l.integer("maxAuthFailures", d.maxAuthFailuresPerSession(), 1, 100),
        l.integer("maxAuthFailuresPerIp", d.maxAuthFailuresPerIp(), 1, Integer.MAX_VALUE),
        l.positiveDuration("authFailureWindow", d.authFailureWindow()),
        l.integer("maxConnections", d.maxConnections(), 1, Integer.MAX_VALUE),
        l.integer("maxConnectionsPerIp", d.maxConnectionsPerIp(), 1, Integer.MAX_VALUE));
    l.finish();
    int instances = p.integer("instances", defaultInstances, 1, 1024);
    p.finish();
    return new Pop3Config(listeners, apop, insecureAuth, idle, limits, instances);
  }

  static ImapConfig imap(ConfigSection s, int defaultInstances) throws ConfigException {
    ConfigSection ls = s.section("listeners");
    ListenerFields imap = listener(ls.section("imap"), 2143);
    ListenerFields imaps = listener(ls.section("imaps"), 2993);
    ls.finish();
    List<ImapListenerConfig> listeners = List.of(
        new ImapListenerConfig("imap", false, imap.enabled(), imap.bind(), imap.port()),
        new ImapListenerConfig("imaps", true, imaps.enabled(), imaps.bind(), imaps.port()));
    ImapServerOptions d = new ImapServerOptions();
    boolean insecureAuth = s.bool("insecureAuth", d.plaintextAuthOnInsecure());
    Duration idle = s.duration("idleTimeout", d.idleTimeout());
    if (idle.compareTo(ImapServerOptions.MIN_IDLE_TIMEOUT) < 0) {
      // Checked here rather than left to the server's validate(), so the message names the key.
      throw new ConfigException(s.path("idleTimeout") + ": must be at least "
          + Units.formatDuration(ImapServerOptions.MIN_IDLE_TIMEOUT)
          + " (RFC 3501 section 5.4: clients rely on an autologout timer of at least 30 minutes), got "
          + Units.formatDuration(idle));
    }
    ConfigSection l = s.section("limits");
    ImapLimits limits = new ImapLimits(
        (int) l.size("maxLineLength", d.maxLineLength(), 1024, MAX_IMAP_HELD_BYTES),
        (int) l.size("maxLiteralSize", d.maxLiteralSize(), 1024, MAX_IMAP_HELD_BYTES),
        l.size("maxAppendSize", d.maxAppendSize(), 1024),
        l.integer("maxErrors", d.maxErrorsBeforeDisconnect(), 1, 10_000),
        l.integer("maxAuthFailures", d.maxAuthFailuresPerSession(), 1, 100),
        l.integer("maxAuthFailuresPerIp", d.maxAuthFailuresPerIp(), 1, Integer.MAX_VALUE),
        l.positiveDuration("authFailureWindow", d.authFailureWindow()),
        l.integer("maxConnections", d.maxConnections(), 1, Integer.MAX_VALUE),
        l.integer("maxConnectionsPerIp", d.maxConnectionsPerIp(), 1, Integer.MAX_VALUE));
    l.finish();
    int structureCacheSize = s.integer("structureCacheSize", d.structureCacheSize(), 1, 10_000_000);
    int instances = s.integer("instances", defaultInstances, 1, 1024);
    s.finish();
    return new ImapConfig(listeners, insecureAuth, idle, limits, structureCacheSize, instances);
  }

  /** What every access listener has in the config; its name and whether TLS starts at once are fixed by its key. */
  private record ListenerFields(boolean enabled, List<String> bind, int port) {}

  private static ListenerFields listener(ConfigSection l, int defaultPort) throws ConfigException {
    boolean enabled = l.bool("enabled", true);
    List<String> bind = l.strings("bind", ConfigLoader.ALL_ADDRESSES);
    if (bind.isEmpty()) {
      throw new ConfigException(l.path("bind")
          + ": needs at least one address (set enabled: false to turn the listener off)");
    }
    int port = l.integer("port", defaultPort, 0, 65535);
    l.finish();
    return new ListenerFields(enabled, bind, port);
  }
}
