package dev.tern.ops.config;

import dev.tern.access.pop3.Pop3ServerOptions;
import dev.tern.ops.config.Pop3Config.Pop3Limits;
import dev.tern.ops.config.Pop3Config.Pop3ListenerConfig;

import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;

/** Reads the sections of the mail access side: {@code mailboxes} and {@code pop3}. */
final class AccessConfigReader {

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
    List<Pop3ListenerConfig> listeners = List.of(
        listener(ls.section("pop3"), "pop3", false, 2110),
        listener(ls.section("pop3s"), "pop3s", true, 2995));
    ls.finish();
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

  private static Pop3ListenerConfig listener(ConfigSection l, String name, boolean implicitTls, int defaultPort)
      throws ConfigException {
    boolean enabled = l.bool("enabled", true);
    List<String> bind = l.strings("bind", ConfigLoader.ALL_ADDRESSES);
    if (bind.isEmpty()) {
      throw new ConfigException(l.path("bind") + ": needs at least one address (set enabled: false to turn the listener off)");
    }
    int port = l.integer("port", defaultPort, 0, 65535);
    l.finish();
    return new Pop3ListenerConfig(name, implicitTls, enabled, bind, port);
  }
}
