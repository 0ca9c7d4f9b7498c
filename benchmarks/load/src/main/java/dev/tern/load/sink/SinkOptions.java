package dev.tern.load.sink;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything a {@link SmtpSink} is started with. Start from {@link #defaults()} and change what differs.
 *
 * @param bindHost         address to listen on
 * @param port             port to listen on; 0 picks a free one ({@link SmtpSink#actualPort()} tells which)
 * @param hostname         the name in the greeting and EHLO reply
 * @param spoolDirectory   with a directory, every accepted message is appended to a spool file there and fsynced
 *                         before its 250; null keeps everything off the disk
 * @param keepSpool        keep the spool files when the sink stops (they are deleted otherwise)
 * @param spoolFileBytes   size at which a spool file is closed and the next one started
 * @param temporaryFailures share of transactions answered 451 4.3.0 on purpose
 * @param permanentFailures share of transactions answered 554 5.3.0 on purpose
 * @param failAt           where the injected failures are answered
 * @param tls              offer STARTTLS
 * @param certificate      PEM certificate chain for STARTTLS; with neither it nor a key, a self-signed one is made
 * @param privateKey       PEM private key for the certificate
 * @param maxMessageSize   SIZE advertised and enforced, in octets
 * @param maxRecipients    RCPTs accepted per transaction; the next gets 452
 * @param idleTimeout      a session silent this long gets 421 and is closed
 * @param maxErrors        protocol errors (5xx replies to bad commands) after which a session gets 421 and is closed
 * @param eventLoops       how many event loops serve connections; by default half the cores, since the sink
 *                         usually shares the machine with the relay under test and the load generator
 */
public record SinkOptions(String bindHost, int port, String hostname, Path spoolDirectory, boolean keepSpool,
                          long spoolFileBytes, FaultShare temporaryFailures, FaultShare permanentFailures,
                          FailurePoint failAt, boolean tls, Path certificate, Path privateKey, long maxMessageSize,
                          int maxRecipients, Duration idleTimeout, int maxErrors, int eventLoops) {

  public static SinkOptions defaults() {
    return new SinkOptions("127.0.0.1", 0, "localhost", null, false, 256L << 20, FaultShare.NONE, FaultShare.NONE,
        FailurePoint.DATA, false, null, null, 50L << 20, 1000, Duration.ofMinutes(5), 10,
        Math.max(1, Runtime.getRuntime().availableProcessors() / 2));
  }

  /** What is wrong with these options, one sentence each; empty when they can be used. */
  public List<String> problems() {
    List<String> problems = new ArrayList<>();
    if (port < 0 || port > 65_535) {
      problems.add("port must be between 0 and 65535, got " + port);
    }
    if (bindHost == null || bindHost.isBlank()) {
      problems.add("a bind address is needed");
    }
    if (hostname == null || hostname.isBlank() || hostname.chars().anyMatch(c -> c <= ' ' || c >= 127)) {
      problems.add("the hostname must be non-empty printable ASCII without spaces");
    }
    if (temporaryFailures.partsPerMillion() + permanentFailures.partsPerMillion() > FaultShare.MILLION) {
      problems.add("--temp-fail + --perm-fail must not exceed 1, got " + temporaryFailures + " + " + permanentFailures);
    }
    if ((certificate == null) != (privateKey == null)) {
      problems.add("--cert and --key go together");
    }
    if (certificate != null && !tls) {
      problems.add("--cert and --key need --tls");
    }
    if (maxMessageSize < 1) {
      problems.add("the maximum message size must be positive");
    }
    if (maxRecipients < 1) {
      problems.add("the maximum number of recipients must be positive");
    }
    if (idleTimeout == null || idleTimeout.isNegative() || idleTimeout.isZero()) {
      problems.add("the idle timeout must be positive");
    }
    if (maxErrors < 1) {
      problems.add("the error limit must be positive");
    }
    if (eventLoops < 1) {
      problems.add("at least one event loop is needed");
    }
    if (spoolFileBytes < 1) {
      problems.add("the spool file size must be positive");
    }
    return problems;
  }

  public SinkOptions withBind(String bindHost, int port) {
    return new SinkOptions(bindHost, port, hostname, spoolDirectory, keepSpool, spoolFileBytes, temporaryFailures,
        permanentFailures, failAt, tls, certificate, privateKey, maxMessageSize, maxRecipients, idleTimeout,
        maxErrors, eventLoops);
  }

  public SinkOptions withHostname(String hostname) {
    return new SinkOptions(bindHost, port, hostname, spoolDirectory, keepSpool, spoolFileBytes, temporaryFailures,
        permanentFailures, failAt, tls, certificate, privateKey, maxMessageSize, maxRecipients, idleTimeout,
        maxErrors, eventLoops);
  }

  public SinkOptions withSpool(Path spoolDirectory, boolean keepSpool, long spoolFileBytes) {
    return new SinkOptions(bindHost, port, hostname, spoolDirectory, keepSpool, spoolFileBytes, temporaryFailures,
        permanentFailures, failAt, tls, certificate, privateKey, maxMessageSize, maxRecipients, idleTimeout,
        maxErrors, eventLoops);
  }

  public SinkOptions withFaults(FaultShare temporaryFailures, FaultShare permanentFailures, FailurePoint failAt) {
    return new SinkOptions(bindHost, port, hostname, spoolDirectory, keepSpool, spoolFileBytes, temporaryFailures,
        permanentFailures, failAt, tls, certificate, privateKey, maxMessageSize, maxRecipients, idleTimeout,
        maxErrors, eventLoops);
  }

  public SinkOptions withTls(boolean tls, Path certificate, Path privateKey) {
    return new SinkOptions(bindHost, port, hostname, spoolDirectory, keepSpool, spoolFileBytes, temporaryFailures,
        permanentFailures, failAt, tls, certificate, privateKey, maxMessageSize, maxRecipients, idleTimeout,
        maxErrors, eventLoops);
  }

  public SinkOptions withLimits(long maxMessageSize, int maxRecipients, Duration idleTimeout, int maxErrors) {
    return new SinkOptions(bindHost, port, hostname, spoolDirectory, keepSpool, spoolFileBytes, temporaryFailures,
        permanentFailures, failAt, tls, certificate, privateKey, maxMessageSize, maxRecipients, idleTimeout,
        maxErrors, eventLoops);
  }

  public SinkOptions withEventLoops(int eventLoops) {
    return new SinkOptions(bindHost, port, hostname, spoolDirectory, keepSpool, spoolFileBytes, temporaryFailures,
        permanentFailures, failAt, tls, certificate, privateKey, maxMessageSize, maxRecipients, idleTimeout,
        maxErrors, eventLoops);
  }
}
