package dev.tern.ops.config;

import java.time.Duration;
import java.util.Map;

/**
 * Outbound delivery: retry schedule, bounces, where mail goes and how the SMTP client behaves.
 *
 * @param retryInitialDelay       first retry after a temporary failure
 * @param retryMultiplier         each further retry waits this many times longer
 * @param retryMaxDelay           cap of the wait between attempts
 * @param maxQueueLifetime        a recipient still deferred after this long fails (bounce)
 * @param bounces                 whether failed recipients produce a DSN to the sender
 * @param delayWarningAfter       send a delay DSN once a message waited this long; null for none
 * @param remotePort              TCP port of remote MX hosts (25; tests use others)
 * @param allowPrivateMx          whether MX hosts on loopback/private/link-local addresses may be used
 * @param relayhost               host:port every non-local message goes to (smarthost), or null
 * @param relayhostUsername       AUTH user at the smarthost, or null
 * @param relayhostPassword       AUTH password at the smarthost, or null
 * @param maxConnectionsPerSite   concurrent connections to one destination site
 * @param maxMessagesPerSecond    rate limit per destination site; 0 for none
 * @param connectionIdleTimeout   how long a pooled connection waits for the next message
 * @param maxMessagesPerConnection messages sent over one connection before it is closed
 * @param tlsPolicy               default TLS policy: require, opportunistic or off
 * @param tlsVerify               whether server certificates are verified when TLS is required
 * @param tlsPolicies             per-domain TLS policy overrides
 * @param maxConcurrentDeliveries deliveries in flight at once over all destinations
 */
public record DeliveryConfig(
    Duration retryInitialDelay,
    double retryMultiplier,
    Duration retryMaxDelay,
    Duration maxQueueLifetime,
    boolean bounces,
    Duration delayWarningAfter,
    int remotePort,
    boolean allowPrivateMx,
    String relayhost,
    String relayhostUsername,
    String relayhostPassword,
    int maxConnectionsPerSite,
    double maxMessagesPerSecond,
    Duration connectionIdleTimeout,
    int maxMessagesPerConnection,
    String tlsPolicy,
    boolean tlsVerify,
    Map<String, String> tlsPolicies,
    int maxConcurrentDeliveries) {

  public DeliveryConfig {
    tlsPolicies = Map.copyOf(tlsPolicies);
  }

  /** Never shows the relayhost password, wherever a config ends up being printed. */
  @Override
  public String toString() {
    return "DeliveryConfig[relayhost=" + relayhost + ", relayhostUsername=" + relayhostUsername
        + ", relayhostPassword=" + (relayhostPassword == null ? "null" : "***") + ", remotePort=" + remotePort
        + ", tlsPolicy=" + tlsPolicy + ", tlsPolicies=" + tlsPolicies + ", retry=" + retryInitialDelay + " x"
        + retryMultiplier + " max " + retryMaxDelay + ", maxQueueLifetime=" + maxQueueLifetime + "]";
  }
}
