package dev.tern.relay;

import io.vertx.core.net.KeyCertOptions;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Everything the SMTP server needs to know; built by ops from the config file. Fluent setters. */
public final class SmtpServerOptions {

  private String hostname = "localhost";
  private List<SmtpListenerOptions> listeners = new ArrayList<>();
  private List<String> trustedNetworks = List.of("127.0.0.0/8", "::1/128");
  private KeyCertOptions keyCert;
  private long maxMessageSize = 25L * 1024 * 1024;
  private int maxRecipients = 1000;
  private int maxCommandLineLength = 2048;
  private int maxTextLineLength = 1000;
  private int maxHeaderBytes = 1024 * 1024;
  private int maxReceivedHeaders = 50;
  private int maxErrors = 10;
  private int maxConnections = 20_000;
  private int maxConnectionsPerIp = 200;
  private int maxAuthFailuresPerIp = 10;
  private Duration authFailureWindow = Duration.ofMinutes(5);
  private Duration commandTimeout = Duration.ofMinutes(5);
  private Duration dataTimeout = Duration.ofMinutes(3);
  private int eventLoopInstances = Runtime.getRuntime().availableProcessors();

  public String hostname() { return hostname; }
  public SmtpServerOptions hostname(String v) { hostname = v; return this; }
  public List<SmtpListenerOptions> listeners() { return listeners; }
  public SmtpServerOptions listeners(List<SmtpListenerOptions> v) { listeners = new ArrayList<>(v); return this; }
  public SmtpServerOptions addListener(SmtpListenerOptions v) { listeners.add(v); return this; }
  /** CIDR blocks that may relay without AUTH on the MX role. */
  public List<String> trustedNetworks() { return trustedNetworks; }
  public SmtpServerOptions trustedNetworks(List<String> v) { trustedNetworks = List.copyOf(v); return this; }
  /** Certificate and key for STARTTLS and implicit TLS; null disables both. */
  public KeyCertOptions keyCert() { return keyCert; }
  public SmtpServerOptions keyCert(KeyCertOptions v) { keyCert = v; return this; }
  public long maxMessageSize() { return maxMessageSize; }
  public SmtpServerOptions maxMessageSize(long v) { maxMessageSize = v; return this; }
  public int maxRecipients() { return maxRecipients; }
  public SmtpServerOptions maxRecipients(int v) { maxRecipients = v; return this; }
  /** Longest command line accepted, CRLF included. */
  public int maxCommandLineLength() { return maxCommandLineLength; }
  public SmtpServerOptions maxCommandLineLength(int v) { maxCommandLineLength = v; return this; }
  /** Longest line of message text, CRLF included (RFC 5321 4.5.3.1.6: 1000). */
  public int maxTextLineLength() { return maxTextLineLength; }
  public SmtpServerOptions maxTextLineLength(int v) { maxTextLineLength = v; return this; }
  public int maxHeaderBytes() { return maxHeaderBytes; }
  public SmtpServerOptions maxHeaderBytes(int v) { maxHeaderBytes = v; return this; }
  /** A message with more Received: headers than this is refused as a loop. */
  public int maxReceivedHeaders() { return maxReceivedHeaders; }
  public SmtpServerOptions maxReceivedHeaders(int v) { maxReceivedHeaders = v; return this; }
  /** Errors in one session before 421 and close. */
  public int maxErrors() { return maxErrors; }
  public SmtpServerOptions maxErrors(int v) { maxErrors = v; return this; }
  public int maxConnections() { return maxConnections; }
  public SmtpServerOptions maxConnections(int v) { maxConnections = v; return this; }
  public int maxConnectionsPerIp() { return maxConnectionsPerIp; }
  public SmtpServerOptions maxConnectionsPerIp(int v) { maxConnectionsPerIp = v; return this; }
  public int maxAuthFailuresPerIp() { return maxAuthFailuresPerIp; }
  public SmtpServerOptions maxAuthFailuresPerIp(int v) { maxAuthFailuresPerIp = v; return this; }
  public Duration authFailureWindow() { return authFailureWindow; }
  public SmtpServerOptions authFailureWindow(Duration v) { authFailureWindow = v; return this; }
  /** RFC 5321 4.5.3.2.7: at least 5 minutes waiting for a command. */
  public Duration commandTimeout() { return commandTimeout; }
  public SmtpServerOptions commandTimeout(Duration v) { commandTimeout = v; return this; }
  /** RFC 5321 4.5.3.2.5/6: at least 3 minutes between data blocks. */
  public Duration dataTimeout() { return dataTimeout; }
  public SmtpServerOptions dataTimeout(Duration v) { dataTimeout = v; return this; }
  /** Verticle instances per listener; one per event loop. */
  public int eventLoopInstances() { return eventLoopInstances; }
  public SmtpServerOptions eventLoopInstances(int v) { eventLoopInstances = v; return this; }
}
