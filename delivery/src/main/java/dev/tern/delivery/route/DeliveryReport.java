package dev.tern.delivery.route;

import java.util.List;

/**
 * What happened to each recipient of one {@link OutboundMessage} in one attempt.
 *
 * @param results    one per recipient, in the order of {@link OutboundMessage#recipients()}
 * @param remoteHost the MX host name the last connection went to, or null when none was reached
 * @param remoteIp   its IP address, or null
 * @param tlsVersion e.g. "TLSv1.3", or null for plaintext / no connection
 */
public record DeliveryReport(List<RecipientResult> results, String remoteHost, String remoteIp, String tlsVersion) {

  public DeliveryReport {
    results = List.copyOf(results);
  }

  /**
   * @param recipient the forward-path
   * @param outcome   what to record
   * @param reply     the server's full reply ("250 2.1.5 Ok"), or a local diagnostic in the same form
   *                  ("451 4.4.1 connection refused by mx.example [192.0.2.1]")
   */
  public record RecipientResult(String recipient, Outcome outcome, String reply) {}

  public enum Outcome {
    DELIVERED,
    /** 4xx, connection trouble, timeouts: try again later. */
    DEFERRED,
    /** 5xx or a local permanent reason (e.g. needs SMTPUTF8, server lacks it): bounce. */
    FAILED
  }
}
