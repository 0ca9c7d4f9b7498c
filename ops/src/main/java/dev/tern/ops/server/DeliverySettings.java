package dev.tern.ops.server;

import dev.tern.delivery.route.dns.DnsOptions;
import dev.tern.delivery.route.smtp.OutboundOptions;
import dev.tern.delivery.route.smtp.SmarthostAuth;
import dev.tern.delivery.route.smtp.TlsPolicy;
import dev.tern.delivery.scheduler.RetryPolicy;
import dev.tern.delivery.scheduler.SchedulerOptions;
import dev.tern.ops.config.DeliveryConfig;
import dev.tern.ops.config.DnsConfig;
import dev.tern.ops.config.HostPort;
import dev.tern.ops.config.TernConfig;

import java.net.InetAddress;
import dev.tern.delivery.local.LocalDeliveryOptions;

import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The delivery module's options, made from the config file's `delivery:` and `dns:` sections.
 *
 * <p>With a relayhost, every non-local message goes to that one host, so the transport's remote port is the
 * relayhost's port (its own, or {@code delivery.remotePort} when the address names none).
 *
 * @param scheduler retry, bounces, limits, relayhost
 * @param dns       resolvers and the private-address rule
 * @param outbound  the SMTP client (a fresh copy per call of {@link #build})
 */
public record DeliverySettings(SchedulerOptions scheduler, DnsOptions dns, OutboundOptions outbound) {

  /** Most recipients taken from the queue in one claim. */
  static final int BATCH_SIZE = 100;

  public static DeliverySettings build(TernConfig config) {
    DeliveryConfig d = config.delivery();
    RetryPolicy retry = new RetryPolicy(d.retryInitialDelay(), d.retryMultiplier(), d.retryMaxDelay(),
        RetryPolicy.DEFAULT.jitter(), d.maxQueueLifetime());
    SchedulerOptions scheduler = new SchedulerOptions(retry, Math.min(BATCH_SIZE, d.maxConcurrentDeliveries()),
        d.maxConcurrentDeliveries(), d.bounces(), d.delayWarningAfter(), config.hostname(), d.relayhost())
        .withLocal(LocalDeliveryOptions.defaults().withOverQuota(
            config.mailboxes().failOverQuota() ? LocalDeliveryOptions.OverQuota.FAIL : LocalDeliveryOptions.OverQuota.DEFER));

    HostPort relay = d.relayhost() == null ? null : HostPort.parse(d.relayhost(), d.remotePort())
        .orElseThrow(() -> new IllegalArgumentException("delivery.relayhost.address: not host:port: " + d.relayhost()));
    OutboundOptions outbound = new OutboundOptions()
        .heloName(config.hostname())
        .remotePort(relay == null ? d.remotePort() : relay.port())
        .maxConnectionsPerSite(d.maxConnectionsPerSite())
        .rateLimitPerSecond(d.maxMessagesPerSecond())
        .idleTimeout(d.connectionIdleTimeout())
        .maxMessagesPerConnection(d.maxMessagesPerConnection())
        .defaultTlsPolicy(policy(d.tlsPolicy()))
        .verifyCertificatesRequired(d.tlsVerify())
        .eventLoops(Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())));
    for (Map.Entry<String, String> e : d.tlsPolicies().entrySet()) {
      outbound.tlsPolicy(e.getKey(), policy(e.getValue()));
    }
    if (relay != null && d.relayhostUsername() != null) {
      outbound.smarthostAuth(new SmarthostAuth(relay.host(), d.relayhostUsername(), d.relayhostPassword()));
    }

    DnsConfig n = config.dns();
    DnsOptions dns = DnsOptions.defaults()
        .withServers(servers(n.servers()))
        .withTimeout(n.timeout())
        .withIpv6(n.ipv6())
        .withAllowPrivateMx(d.allowPrivateMx());
    return new DeliverySettings(scheduler, dns, outbound);
  }

  static TlsPolicy policy(String name) {
    return TlsPolicy.valueOf(name.toUpperCase(Locale.ROOT));
  }

  /** IP literals only (the config loader checks), so making the addresses asks no DNS. */
  private static List<InetSocketAddress> servers(List<String> configured) {
    List<InetSocketAddress> out = new ArrayList<>();
    for (String s : configured) {
      HostPort hp = HostPort.parse(s, 53).filter(HostPort::ipLiteral)
          .orElseThrow(() -> new IllegalArgumentException("dns.servers: not an IP address with an optional port: " + s));
      try {
        out.add(new InetSocketAddress(InetAddress.getByName(hp.host()), hp.port()));
      } catch (UnknownHostException e) {
        throw new IllegalArgumentException("dns.servers: not an IP address: " + s, e);
      }
    }
    return out;
  }
}
