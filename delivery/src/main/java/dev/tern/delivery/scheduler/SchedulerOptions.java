package dev.tern.delivery.scheduler;

import dev.tern.delivery.local.LocalDeliveryOptions;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the {@link DeliveryScheduler}.
 *
 * @param retry               backoff and maximum queue lifetime
 * @param batchSize           most recipients taken from the queue in one claim
 * @param maxInFlight         most recipients being delivered at once, over all destinations
 * @param bounces             send a DSN to the sender of a failed recipient (off when failures are handled from
 *                            logs or events instead)
 * @param delayWarningAfter   send one "delayed" DSN per recipient still deferred after this age; null for none
 * @param hostname            this MTA's name: Reporting-MTA and the MAILER-DAEMON address of DSNs
 * @param relayhost           "host" or "host:port" of the smarthost that takes all non-local mail, or null to
 *                            deliver to each domain's MX hosts; its port and credentials are the transport's settings
 * @param local               local delivery: over-quota policy, in-memory body limit, parallel appends
 */
public record SchedulerOptions(RetryPolicy retry, int batchSize, int maxInFlight, boolean bounces,
                               Duration delayWarningAfter, String hostname, String relayhost,
                               LocalDeliveryOptions local) {

  /** With default local delivery settings. */
  public SchedulerOptions(RetryPolicy retry, int batchSize, int maxInFlight, boolean bounces,
                          Duration delayWarningAfter, String hostname, String relayhost) {
    this(retry, batchSize, maxInFlight, bounces, delayWarningAfter, hostname, relayhost,
        LocalDeliveryOptions.defaults());
  }

  public SchedulerOptions {
    Objects.requireNonNull(retry, "retry");
    Objects.requireNonNull(local, "local");
    if (batchSize < 1 || maxInFlight < 1) {
      throw new IllegalArgumentException("batchSize and maxInFlight must be positive");
    }
    if (delayWarningAfter != null && (delayWarningAfter.isNegative() || delayWarningAfter.isZero())) {
      throw new IllegalArgumentException("delayWarningAfter must be positive or null");
    }
    if (hostname == null || hostname.isBlank() || hostname.chars().anyMatch(c -> c <= ' ' || c >= 127)) {
      throw new IllegalArgumentException("hostname must be a plain host name, not '" + hostname + "'");
    }
    if (relayhost != null && relayhost.isBlank()) {
      relayhost = null;
    }
  }

  /**
   * Default retry (1 min, x2, 1 h cap, 5 days), 100 per claim, 1000 in flight, bounces on, no delay warnings, local
   * delivery as {@link LocalDeliveryOptions#defaults()}.
   */
  public static SchedulerOptions defaults(String hostname) {
    return new SchedulerOptions(RetryPolicy.DEFAULT, 100, 1000, true, null, hostname, null);
  }

  public SchedulerOptions withRetry(RetryPolicy value) {
    return new SchedulerOptions(value, batchSize, maxInFlight, bounces, delayWarningAfter, hostname, relayhost, local);
  }

  public SchedulerOptions withBounces(boolean value) {
    return new SchedulerOptions(retry, batchSize, maxInFlight, value, delayWarningAfter, hostname, relayhost, local);
  }

  public SchedulerOptions withDelayWarningAfter(Duration value) {
    return new SchedulerOptions(retry, batchSize, maxInFlight, bounces, value, hostname, relayhost, local);
  }

  public SchedulerOptions withRelayhost(String value) {
    return new SchedulerOptions(retry, batchSize, maxInFlight, bounces, delayWarningAfter, hostname, value, local);
  }

  public SchedulerOptions withLimits(int batch, int inFlight) {
    return new SchedulerOptions(retry, batch, inFlight, bounces, delayWarningAfter, hostname, relayhost, local);
  }

  public SchedulerOptions withLocal(LocalDeliveryOptions value) {
    return new SchedulerOptions(retry, batchSize, maxInFlight, bounces, delayWarningAfter, hostname, relayhost, value);
  }
}
