package dev.tern.delivery.route.smtp;

import dev.tern.delivery.BodyStream;
import dev.tern.delivery.QueueId;
import dev.tern.delivery.route.DeliveryReport;
import dev.tern.delivery.route.Destination;
import dev.tern.delivery.route.MxHost;
import dev.tern.delivery.route.OutboundMessage;
import dev.tern.delivery.testing.InMemoryBodyStream;
import dev.tern.delivery.testing.ScriptedSmtpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Shared set-up: one Vert.x, a registry, servers and transports closed after each test. */
abstract class OutboundTestSupport {

  protected Vertx vertx;
  protected SimpleMeterRegistry registry;
  protected final List<ScriptedSmtpServer> servers = new ArrayList<>();
  protected final List<SmtpOutboundTransport> transports = new ArrayList<>();

  @BeforeEach
  void startVertx() {
    vertx = Vertx.vertx();
    registry = new SimpleMeterRegistry();
  }

  @AfterEach
  void stopAll() throws Exception {
    for (SmtpOutboundTransport transport : transports) {
      transport.close().await(10, TimeUnit.SECONDS);
    }
    for (ScriptedSmtpServer server : servers) {
      server.close();
    }
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  protected ScriptedSmtpServer server() throws Exception {
    ScriptedSmtpServer server = ScriptedSmtpServer.start();
    servers.add(server);
    return server;
  }

  protected ScriptedSmtpServer server(String address, int port) throws Exception {
    ScriptedSmtpServer server = ScriptedSmtpServer.start(address, port);
    servers.add(server);
    return server;
  }

  protected OutboundOptions options(int port) {
    return new OutboundOptions().heloName("client.test").remotePort(port).allTimeouts(Duration.ofSeconds(5))
        .idleTimeout(Duration.ofSeconds(30));
  }

  protected SmtpOutboundTransport transport(OutboundOptions options) {
    SmtpOutboundTransport transport = new SmtpOutboundTransport(vertx, options, registry);
    transports.add(transport);
    return transport;
  }

  protected static Destination destination(String domain, String... hostAndIp) throws Exception {
    List<MxHost> hosts = new ArrayList<>();
    for (int i = 0; i < hostAndIp.length; i += 2) {
      hosts.add(new MxHost(hostAndIp[i], 10 * (i + 1), List.of(InetAddress.getByName(hostAndIp[i + 1]))));
    }
    return new Destination(domain, hosts, false);
  }

  protected static Destination local(String domain) throws Exception {
    return destination(domain, "mx." + domain, "127.0.0.1");
  }

  protected OutboundMessage message(String sender, String body, String... recipients) {
    return message(sender, body, false, false, -1, recipients);
  }

  protected OutboundMessage message(String sender, String body, boolean eightBit, boolean smtpUtf8, long failAfter,
                                    String... recipients) {
    Buffer data = Buffer.buffer(body);
    // 7-byte chunks put line starts and CRLFs across chunk boundaries everywhere; a large body in such chunks would
    // cost one socket write per 7 bytes (seconds of event-loop time for 600 KB), so it comes in file-read sizes.
    int chunkSize = data.length() > 64 * 1024 ? 4096 : 7;
    return new OutboundMessage(new QueueId("0000000000010000abcd"), sender, Arrays.asList(recipients), data.length(),
        () -> Future.<BodyStream>succeededFuture(
            new InMemoryBodyStream(vertx.getOrCreateContext(), data, chunkSize, failAfter)),
        smtpUtf8, eightBit, null);
  }

  protected DeliveryReport deliver(SmtpOutboundTransport transport, Destination destination, OutboundMessage message)
      throws Exception {
    return transport.deliver(destination, message).await(30, TimeUnit.SECONDS);
  }

  protected static DeliveryReport.Outcome outcome(DeliveryReport report, int i) {
    return report.results().get(i).outcome();
  }

  protected static String reply(DeliveryReport report, int i) {
    return report.results().get(i).reply();
  }

  protected double counter(String name, String tag, String value) {
    var counter = registry.find(name).tag(tag, value).counter();
    return counter == null ? 0 : counter.count();
  }
}
