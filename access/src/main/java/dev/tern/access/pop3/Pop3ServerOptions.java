package dev.tern.access.pop3;

import dev.tern.access.pop3.internal.codec.Pop3CommandParser;
import io.vertx.core.net.KeyCertOptions;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything the POP3 server needs to know; built by ops from the config file. Fluent setters; the
 * server works on a {@link #copy()} taken when it is constructed.
 */
public final class Pop3ServerOptions {

  private String hostname = "localhost";
  private List<Pop3ListenerOptions> listeners = new ArrayList<>();
  private KeyCertOptions keyCert;
  private boolean apop;
  private boolean plaintextAuthOnInsecure;
  private Duration idleTimeout = Duration.ofMinutes(10);
  private int maxLineLength = Pop3CommandParser.MAX_COMMAND_LINE;
  private int maxErrorsBeforeDisconnect = 10;
  private int maxAuthFailuresPerSession = 3;
  private int maxAuthFailuresPerIp = 10;
  private Duration authFailureWindow = Duration.ofMinutes(5);
  private int maxConnections = 10_000;
  private int maxConnectionsPerIp = 50;
  private int eventLoopInstances = Runtime.getRuntime().availableProcessors();

  /** Named in the greeting and in the APOP timestamp. */
  public String hostname() { return hostname; }
  public Pop3ServerOptions hostname(String v) { hostname = v; return this; }
  public List<Pop3ListenerOptions> listeners() { return listeners; }
  public Pop3ServerOptions listeners(List<Pop3ListenerOptions> v) { listeners = new ArrayList<>(v); return this; }
  public Pop3ServerOptions addListener(Pop3ListenerOptions v) { listeners.add(v); return this; }
  /** Certificate and key for STLS and implicit TLS; null disables both. */
  public KeyCertOptions keyCert() { return keyCert; }
  public Pop3ServerOptions keyCert(KeyCertOptions v) { keyCert = v; return this; }
  /** Offer APOP (RFC 1939 section 7); off by default because it needs a secret stored in clear. */
  public boolean apop() { return apop; }
  public Pop3ServerOptions apop(boolean v) { apop = v; return this; }
  /**
   * Allow USER/PASS and AUTH PLAIN on connections that are neither TLS nor loopback. Off by default
   * (RFC 2595 section 2.1): clients must use STLS or the implicit-TLS port first.
   */
  public boolean plaintextAuthOnInsecure() { return plaintextAuthOnInsecure; }
  public Pop3ServerOptions plaintextAuthOnInsecure(boolean v) { plaintextAuthOnInsecure = v; return this; }
  /** RFC 1939 section 3: an autologout timer of at least 10 minutes. */
  public Duration idleTimeout() { return idleTimeout; }
  public Pop3ServerOptions idleTimeout(Duration v) { idleTimeout = v; return this; }
  /** Longest command line accepted, CRLF included (RFC 2449 section 4: 255). */
  public int maxLineLength() { return maxLineLength; }
  public Pop3ServerOptions maxLineLength(int v) { maxLineLength = v; return this; }
  /** Protocol errors in one session before the server closes it. */
  public int maxErrorsBeforeDisconnect() { return maxErrorsBeforeDisconnect; }
  public Pop3ServerOptions maxErrorsBeforeDisconnect(int v) { maxErrorsBeforeDisconnect = v; return this; }
  /** Failed logins in one session before the server closes it. */
  public int maxAuthFailuresPerSession() { return maxAuthFailuresPerSession; }
  public Pop3ServerOptions maxAuthFailuresPerSession(int v) { maxAuthFailuresPerSession = v; return this; }
  /** Failed logins from one IP within {@link #authFailureWindow()} before its logins are refused unchecked. */
  public int maxAuthFailuresPerIp() { return maxAuthFailuresPerIp; }
  public Pop3ServerOptions maxAuthFailuresPerIp(int v) { maxAuthFailuresPerIp = v; return this; }
  public Duration authFailureWindow() { return authFailureWindow; }
  public Pop3ServerOptions authFailureWindow(Duration v) { authFailureWindow = v; return this; }
  public int maxConnections() { return maxConnections; }
  public Pop3ServerOptions maxConnections(int v) { maxConnections = v; return this; }
  public int maxConnectionsPerIp() { return maxConnectionsPerIp; }
  public Pop3ServerOptions maxConnectionsPerIp(int v) { maxConnectionsPerIp = v; return this; }
  /** Verticle instances per listener address; one per event loop. */
  public int eventLoopInstances() { return eventLoopInstances; }
  public Pop3ServerOptions eventLoopInstances(int v) { eventLoopInstances = v; return this; }

  /** An independent copy (the certificate options object is shared: the server never changes it). */
  public Pop3ServerOptions copy() {
    Pop3ServerOptions c = new Pop3ServerOptions();
    c.hostname = hostname;
    c.listeners = new ArrayList<>(listeners);
    c.keyCert = keyCert;
    c.apop = apop;
    c.plaintextAuthOnInsecure = plaintextAuthOnInsecure;
    c.idleTimeout = idleTimeout;
    c.maxLineLength = maxLineLength;
    c.maxErrorsBeforeDisconnect = maxErrorsBeforeDisconnect;
    c.maxAuthFailuresPerSession = maxAuthFailuresPerSession;
    c.maxAuthFailuresPerIp = maxAuthFailuresPerIp;
    c.authFailureWindow = authFailureWindow;
    c.maxConnections = maxConnections;
    c.maxConnectionsPerIp = maxConnectionsPerIp;
    c.eventLoopInstances = eventLoopInstances;
    return c;
  }

  /** @throws IllegalArgumentException naming the first setting that cannot work */
  public void validate() {
    require(hostname != null && !hostname.isBlank() && hostname.chars().noneMatch(ch -> ch <= ' ' || ch == 0x7f),
        "hostname must be one word");
    require(!listeners.isEmpty(), "no POP3 listener");
    List<String> names = new ArrayList<>();
    for (Pop3ListenerOptions listener : listeners) {
      require(!names.contains(listener.name()), "two POP3 listeners named " + listener.name());
      names.add(listener.name());
      require(!listener.bindAddresses().isEmpty(), "POP3 listener " + listener.name() + " has no bind address");
      require(listener.port() >= 0 && listener.port() <= 65535, "POP3 listener " + listener.name() + ": bad port");
      require(!listener.implicitTls() || keyCert != null,
          "POP3 listener " + listener.name() + " uses implicit TLS but no certificate is configured");
    }
    require(idleTimeout != null && !idleTimeout.isNegative() && !idleTimeout.isZero(), "idleTimeout must be positive");
    require(maxLineLength >= Pop3CommandParser.MAX_COMMAND_LINE,
        "maxLineLength below the RFC 2449 minimum of " + Pop3CommandParser.MAX_COMMAND_LINE);
    require(maxErrorsBeforeDisconnect > 0, "maxErrorsBeforeDisconnect must be positive");
    require(maxAuthFailuresPerSession > 0, "maxAuthFailuresPerSession must be positive");
    require(maxAuthFailuresPerIp > 0, "maxAuthFailuresPerIp must be positive");
    require(authFailureWindow != null && !authFailureWindow.isNegative(), "authFailureWindow must not be negative");
    require(maxConnections > 0 && maxConnectionsPerIp > 0, "connection limits must be positive");
    require(eventLoopInstances > 0, "eventLoopInstances must be positive");
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }
}
