package dev.tern.access.imap;

import io.vertx.core.net.KeyCertOptions;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything the IMAP server needs to know; built by ops from the config file. Fluent setters; the server
 * works on a {@link #copy()} taken when it is constructed.
 */
public final class ImapServerOptions {

  /** RFC 3501 section 5.4: an autologout timer of at least 30 minutes. */
  public static final Duration MIN_IDLE_TIMEOUT = Duration.ofMinutes(30);

  private String hostname = "localhost";
  private List<ImapListenerOptions> listeners = new ArrayList<>();
  private KeyCertOptions keyCert;
  private boolean plaintextAuthOnInsecure;
  private boolean quota;
  private Duration idleTimeout = MIN_IDLE_TIMEOUT;
  private Duration idleNotifyInterval = Duration.ofMillis(200);
  private int maxLineLength = 64 * 1024;
  private int maxLiteralSize = 64 * 1024;
  private long maxAppendSize = 64L * 1024 * 1024;
  private int maxErrorsBeforeDisconnect = 20;
  private int maxAuthFailuresPerSession = 3;
  private int maxAuthFailuresPerIp = 10;
  private Duration authFailureWindow = Duration.ofMinutes(5);
  private int maxConnections = 20_000;
  private int maxConnectionsPerIp = 100;
  private int structureCacheSize = 20_000;
  private int eventLoopInstances = Runtime.getRuntime().availableProcessors();

  /** Named in the greeting and BYE responses. */
  public String hostname() { return hostname; }
  public ImapServerOptions hostname(String v) { hostname = v; return this; }
  public List<ImapListenerOptions> listeners() { return listeners; }
  public ImapServerOptions listeners(List<ImapListenerOptions> v) { listeners = new ArrayList<>(v); return this; }
  public ImapServerOptions addListener(ImapListenerOptions v) { listeners.add(v); return this; }
  /** Certificate and key for STARTTLS and implicit TLS; null disables both. */
  public KeyCertOptions keyCert() { return keyCert; }
  public ImapServerOptions keyCert(KeyCertOptions v) { keyCert = v; return this; }
  /**
   * Allow LOGIN and AUTHENTICATE PLAIN on connections that are neither TLS nor loopback. Off by default
   * (RFC 3501 section 6.2.3, RFC 8314): LOGINDISABLED is advertised there and LOGIN gets [PRIVACYREQUIRED].
   */
  public boolean plaintextAuthOnInsecure() { return plaintextAuthOnInsecure; }
  public ImapServerOptions plaintextAuthOnInsecure(boolean v) { plaintextAuthOnInsecure = v; return this; }
  /** Advertise and answer QUOTA (RFC 9208); ops turns it on when quotas are configured. */
  public boolean quota() { return quota; }
  public ImapServerOptions quota(boolean v) { quota = v; return this; }
  /**
   * Autologout after this long without a command (IDLE re-arms it). RFC 3501 asks for at least
   * {@link #MIN_IDLE_TIMEOUT}; the config file refuses less, the API allows it for tests and special set-ups.
   */
  public Duration idleTimeout() { return idleTimeout; }
  public ImapServerOptions idleTimeout(Duration v) { idleTimeout = v; return this; }
  /** How long an IDLE session gathers changes before telling its client (changes arrive in bursts). */
  public Duration idleNotifyInterval() { return idleNotifyInterval; }
  public ImapServerOptions idleNotifyInterval(Duration v) { idleNotifyInterval = v; return this; }
  /** Longest command text in octets, literals excluded. */
  public int maxLineLength() { return maxLineLength; }
  public ImapServerOptions maxLineLength(int v) { maxLineLength = v; return this; }
  /** Largest literal held in memory (anything but an APPEND message: passwords, search strings, names). */
  public int maxLiteralSize() { return maxLiteralSize; }
  public ImapServerOptions maxLiteralSize(int v) { maxLiteralSize = v; return this; }
  /** Largest message APPEND accepts (streamed to the store); bigger ones get NO [TOOBIG] before any octet. */
  public long maxAppendSize() { return maxAppendSize; }
  public ImapServerOptions maxAppendSize(long v) { maxAppendSize = v; return this; }
  /** BAD responses in one session before the server closes it. */
  public int maxErrorsBeforeDisconnect() { return maxErrorsBeforeDisconnect; }
  public ImapServerOptions maxErrorsBeforeDisconnect(int v) { maxErrorsBeforeDisconnect = v; return this; }
  /** Failed logins in one session before the server closes it. */
  public int maxAuthFailuresPerSession() { return maxAuthFailuresPerSession; }
  public ImapServerOptions maxAuthFailuresPerSession(int v) { maxAuthFailuresPerSession = v; return this; }
  /** Failed logins from one IP within {@link #authFailureWindow()} before its logins are refused unchecked. */
  public int maxAuthFailuresPerIp() { return maxAuthFailuresPerIp; }
  public ImapServerOptions maxAuthFailuresPerIp(int v) { maxAuthFailuresPerIp = v; return this; }
  public Duration authFailureWindow() { return authFailureWindow; }
  public ImapServerOptions authFailureWindow(Duration v) { authFailureWindow = v; return this; }
  public int maxConnections() { return maxConnections; }
  public ImapServerOptions maxConnections(int v) { maxConnections = v; return this; }
  public int maxConnectionsPerIp() { return maxConnectionsPerIp; }
  public ImapServerOptions maxConnectionsPerIp(int v) { maxConnectionsPerIp = v; return this; }
  /** MIME structures kept in memory (a few hundred bytes each) so a second FETCH does not parse again. */
  public int structureCacheSize() { return structureCacheSize; }
  public ImapServerOptions structureCacheSize(int v) { structureCacheSize = v; return this; }
  /** Verticle instances per listener address; one per event loop. */
  public int eventLoopInstances() { return eventLoopInstances; }
  public ImapServerOptions eventLoopInstances(int v) { eventLoopInstances = v; return this; }

  /** An independent copy (the certificate options object is shared: the server never changes it). */
  public ImapServerOptions copy() {
    ImapServerOptions c = new ImapServerOptions();
    c.hostname = hostname;
    c.listeners = new ArrayList<>(listeners);
    c.keyCert = keyCert;
    c.plaintextAuthOnInsecure = plaintextAuthOnInsecure;
    c.quota = quota;
    c.idleTimeout = idleTimeout;
    c.idleNotifyInterval = idleNotifyInterval;
    c.maxLineLength = maxLineLength;
    c.maxLiteralSize = maxLiteralSize;
    c.maxAppendSize = maxAppendSize;
    c.maxErrorsBeforeDisconnect = maxErrorsBeforeDisconnect;
    c.maxAuthFailuresPerSession = maxAuthFailuresPerSession;
    c.maxAuthFailuresPerIp = maxAuthFailuresPerIp;
    c.authFailureWindow = authFailureWindow;
    c.maxConnections = maxConnections;
    c.maxConnectionsPerIp = maxConnectionsPerIp;
    c.structureCacheSize = structureCacheSize;
    c.eventLoopInstances = eventLoopInstances;
    return c;
  }

  /** @throws IllegalArgumentException naming the first setting that cannot work */
  public void validate() {
    require(hostname != null && !hostname.isBlank() && hostname.chars().noneMatch(ch -> ch <= ' ' || ch == 0x7f),
        "hostname must be one word");
    require(!listeners.isEmpty(), "no IMAP listener");
    List<String> names = new ArrayList<>();
    for (ImapListenerOptions listener : listeners) {
      require(!names.contains(listener.name()), "two IMAP listeners named " + listener.name());
      names.add(listener.name());
      require(!listener.bindAddresses().isEmpty(), "IMAP listener " + listener.name() + " has no bind address");
      require(listener.port() >= 0 && listener.port() <= 65535, "IMAP listener " + listener.name() + ": bad port");
      require(!listener.implicitTls() || keyCert != null,
          "IMAP listener " + listener.name() + " uses implicit TLS but no certificate is configured");
    }
    require(idleTimeout != null && !idleTimeout.isNegative() && !idleTimeout.isZero(), "idleTimeout must be positive");
    require(idleNotifyInterval != null && !idleNotifyInterval.isNegative()
        && idleNotifyInterval.compareTo(Duration.ofSeconds(1)) < 0, "idleNotifyInterval must be under a second");
    require(maxLineLength >= 1024, "maxLineLength must be at least 1024");
    require(maxLiteralSize >= 1024, "maxLiteralSize must be at least 1024");
    require(maxAppendSize >= 1024, "maxAppendSize must be at least 1024");
    require(maxErrorsBeforeDisconnect > 0, "maxErrorsBeforeDisconnect must be positive");
    require(maxAuthFailuresPerSession > 0, "maxAuthFailuresPerSession must be positive");
    require(maxAuthFailuresPerIp > 0, "maxAuthFailuresPerIp must be positive");
    require(authFailureWindow != null && !authFailureWindow.isNegative(), "authFailureWindow must not be negative");
    require(maxConnections > 0 && maxConnectionsPerIp > 0, "connection limits must be positive");
    require(structureCacheSize > 0, "structureCacheSize must be positive");
    require(eventLoopInstances > 0, "eventLoopInstances must be positive");
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }
}
