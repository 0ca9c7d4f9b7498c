package dev.tern.delivery.route.smtp;

import io.vertx.core.net.TrustOptions;

import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of the outbound SMTP client. Mutable while being built (fluent setters), read once by
 * {@link SmtpOutboundTransport}'s constructor, which takes a copy.
 *
 * <p>Timeout defaults follow RFC 5321 4.5.3.2: connect and greeting 5 min, MAIL 5 min, RCPT 5 min, DATA
 * initiation 2 min, each data block 3 min, end of data 10 min.
 *
 * <p>Certificate verification: off by default for {@link TlsPolicy#OPPORTUNISTIC} (an MX certificate rarely
 * matches and plaintext would be the alternative), on by default for {@link TlsPolicy#REQUIRE} (requiring TLS
 * without checking who is at the other end would protect against passive listeners only). Verification
 * checks the chain against {@link #trustOptions()} (the JVM's trust store when null) and the host name
 * against the MX host name.
 */
public final class OutboundOptions {

  private String heloName = "localhost";
  private int remotePort = 25;
  private Duration connectTimeout = Duration.ofMinutes(5);
  private Duration greetingTimeout = Duration.ofMinutes(5);
  private Duration mailTimeout = Duration.ofMinutes(5);
  private Duration rcptTimeout = Duration.ofMinutes(5);
  private Duration dataInitTimeout = Duration.ofMinutes(2);
  private Duration dataBlockTimeout = Duration.ofMinutes(3);
  private Duration endOfDataTimeout = Duration.ofMinutes(10);
  private Duration commandTimeout = Duration.ofMinutes(5);
  private int maxConnectionsPerSite = 10;
  private double rateLimitPerSecond = 0;
  private Duration idleTimeout = Duration.ofSeconds(30);
  private int maxMessagesPerConnection = 100;
  private TlsPolicy defaultTlsPolicy = TlsPolicy.OPPORTUNISTIC;
  private final Map<String, TlsPolicy> domainTlsPolicies = new HashMap<>();
  private boolean verifyOpportunistic = false;
  private boolean verifyRequired = true;
  private TrustOptions trustOptions;
  private SmarthostAuth smarthostAuth;
  private int eventLoops = 1;

  public OutboundOptions() {}

  public OutboundOptions(OutboundOptions other) {
    heloName = other.heloName;
    remotePort = other.remotePort;
    connectTimeout = other.connectTimeout;
    greetingTimeout = other.greetingTimeout;
    mailTimeout = other.mailTimeout;
    rcptTimeout = other.rcptTimeout;
    dataInitTimeout = other.dataInitTimeout;
    dataBlockTimeout = other.dataBlockTimeout;
    endOfDataTimeout = other.endOfDataTimeout;
    commandTimeout = other.commandTimeout;
    maxConnectionsPerSite = other.maxConnectionsPerSite;
    rateLimitPerSecond = other.rateLimitPerSecond;
    idleTimeout = other.idleTimeout;
    maxMessagesPerConnection = other.maxMessagesPerConnection;
    defaultTlsPolicy = other.defaultTlsPolicy;
    domainTlsPolicies.putAll(other.domainTlsPolicies);
    verifyOpportunistic = other.verifyOpportunistic;
    verifyRequired = other.verifyRequired;
    trustOptions = other.trustOptions == null ? null : other.trustOptions.copy();
    smarthostAuth = other.smarthostAuth;
    eventLoops = other.eventLoops;
  }

  /** The name sent in EHLO/HELO. */
  public OutboundOptions heloName(String name) {
    this.heloName = Objects.requireNonNull(name);
    return this;
  }

  /** The TCP port of every MX host (25; tests use the sink's port). */
  public OutboundOptions remotePort(int port) {
    if (port <= 0 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    this.remotePort = port;
    return this;
  }

  public OutboundOptions connectTimeout(Duration d) {
    this.connectTimeout = positive(d);
    return this;
  }

  public OutboundOptions greetingTimeout(Duration d) {
    this.greetingTimeout = positive(d);
    return this;
  }

  public OutboundOptions mailTimeout(Duration d) {
    this.mailTimeout = positive(d);
    return this;
  }

  public OutboundOptions rcptTimeout(Duration d) {
    this.rcptTimeout = positive(d);
    return this;
  }

  public OutboundOptions dataInitTimeout(Duration d) {
    this.dataInitTimeout = positive(d);
    return this;
  }

  /** Longest wait for the socket to accept more body bytes (RFC 5321 "data block"). */
  public OutboundOptions dataBlockTimeout(Duration d) {
    this.dataBlockTimeout = positive(d);
    return this;
  }

  public OutboundOptions endOfDataTimeout(Duration d) {
    this.endOfDataTimeout = positive(d);
    return this;
  }

  /** Timeout of the other commands (EHLO, STARTTLS, AUTH, RSET, BDAT, QUIT). */
  public OutboundOptions commandTimeout(Duration d) {
    this.commandTimeout = positive(d);
    return this;
  }

  /** Sets every timeout at once (handy in tests). */
  public OutboundOptions allTimeouts(Duration d) {
    return connectTimeout(d).greetingTimeout(d).mailTimeout(d).rcptTimeout(d).dataInitTimeout(d)
        .dataBlockTimeout(d).endOfDataTimeout(d).commandTimeout(d);
  }

  /** Connections open at once to one destination site (connecting, busy and idle together). */
  public OutboundOptions maxConnectionsPerSite(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("maxConnectionsPerSite must be at least 1");
    }
    this.maxConnectionsPerSite = n;
    return this;
  }

  /** Messages started per second per site; 0 = unlimited. */
  public OutboundOptions rateLimitPerSecond(double perSecond) {
    if (perSecond < 0 || Double.isNaN(perSecond)) {
      throw new IllegalArgumentException("rate must be >= 0");
    }
    this.rateLimitPerSecond = perSecond;
    return this;
  }

  /** Messages started per minute per site; 0 = unlimited. */
  public OutboundOptions rateLimitPerMinute(double perMinute) {
    return rateLimitPerSecond(perMinute / 60.0);
  }

  /** How long a pooled connection may sit idle before QUIT. */
  public OutboundOptions idleTimeout(Duration d) {
    this.idleTimeout = positive(d);
    return this;
  }

  public OutboundOptions maxMessagesPerConnection(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("maxMessagesPerConnection must be at least 1");
    }
    this.maxMessagesPerConnection = n;
    return this;
  }

  public OutboundOptions defaultTlsPolicy(TlsPolicy policy) {
    this.defaultTlsPolicy = Objects.requireNonNull(policy);
    return this;
  }

  /** The policy for one recipient domain, overriding the default. */
  public OutboundOptions tlsPolicy(String domain, TlsPolicy policy) {
    domainTlsPolicies.put(domain.toLowerCase(Locale.ROOT), Objects.requireNonNull(policy));
    return this;
  }

  public OutboundOptions verifyCertificatesOpportunistic(boolean verify) {
    this.verifyOpportunistic = verify;
    return this;
  }

  public OutboundOptions verifyCertificatesRequired(boolean verify) {
    this.verifyRequired = verify;
    return this;
  }

  /** Trust anchors for verified TLS (tests pass their test CA); null = the JVM's default trust store. */
  public OutboundOptions trustOptions(TrustOptions trust) {
    this.trustOptions = trust;
    return this;
  }

  public OutboundOptions smarthostAuth(SmarthostAuth auth) {
    this.smarthostAuth = auth;
    return this;
  }

  /** Event loops the pools are spread over (each site lives on one). */
  public OutboundOptions eventLoops(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("eventLoops must be at least 1");
    }
    this.eventLoops = n;
    return this;
  }

  public String heloName() {
    return heloName;
  }

  public int remotePort() {
    return remotePort;
  }

  public Duration connectTimeout() {
    return connectTimeout;
  }

  public Duration greetingTimeout() {
    return greetingTimeout;
  }

  public Duration mailTimeout() {
    return mailTimeout;
  }

  public Duration rcptTimeout() {
    return rcptTimeout;
  }

  public Duration dataInitTimeout() {
    return dataInitTimeout;
  }

  public Duration dataBlockTimeout() {
    return dataBlockTimeout;
  }

  public Duration endOfDataTimeout() {
    return endOfDataTimeout;
  }

  public Duration commandTimeout() {
    return commandTimeout;
  }

  public int maxConnectionsPerSite() {
    return maxConnectionsPerSite;
  }

  public double rateLimitPerSecond() {
    return rateLimitPerSecond;
  }

  public Duration idleTimeout() {
    return idleTimeout;
  }

  public int maxMessagesPerConnection() {
    return maxMessagesPerConnection;
  }

  public TlsPolicy defaultTlsPolicy() {
    return defaultTlsPolicy;
  }

  /** The policy for a recipient domain (the per-domain entry, else the default). */
  public TlsPolicy tlsPolicyFor(String domain) {
    return domainTlsPolicies.getOrDefault(domain.toLowerCase(Locale.ROOT), defaultTlsPolicy);
  }

  /** Whether certificates are verified under the given policy. */
  public boolean verifyCertificates(TlsPolicy policy) {
    return switch (policy) {
      case REQUIRE -> verifyRequired;
      case OPPORTUNISTIC -> verifyOpportunistic;
      case OFF -> false;
    };
  }

  public TrustOptions trustOptions() {
    return trustOptions;
  }

  public SmarthostAuth smarthostAuth() {
    return smarthostAuth;
  }

  public int eventLoops() {
    return eventLoops;
  }

  private static Duration positive(Duration d) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException("a timeout must be positive: " + d);
    }
    return d;
  }
}
