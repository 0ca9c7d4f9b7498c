package dev.tern.delivery.route.smtp;

import dev.tern.delivery.route.DeliveryReport;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.tern.delivery.route.DeliveryReport.Outcome.DELIVERED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Postfix's smtp-sink as a real-world peer: pipelining, dot-stuffing, connection reuse. */
class SmtpSinkTest extends OutboundTestSupport {

  private static final File SINK = new File("/usr/sbin/smtp-sink");

  @Test
  void deliversSeveralMessagesOverOneConnectionToSmtpSink(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    if (!SINK.canExecute()) {
      if ("true".equals(System.getenv("CI"))) {
        fail("smtp-sink is required on CI");
      }
      assumeTrue(false, "smtp-sink not installed");
    }
    int port;
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    List<String> command = new ArrayList<>(List.of(SINK.getPath(), "-c"));
    if ("root".equals(System.getProperty("user.name"))) {
      command.addAll(List.of("-u", "nobody"));
    }
    command.addAll(List.of("127.0.0.1:" + port, "10"));
    Process sink = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(dir.resolve("sink.log").toFile()).start();
    try {
      awaitListening(port);
      SmtpOutboundTransport transport = transport(options(port));
      for (int i = 0; i < 3; i++) {
        DeliveryReport report = deliver(transport, local("example.org"),
            message("sender@s.test", "Subject: " + i + "\r\n\r\n.dot line\r\nbody\r\n", "rcpt" + i + "@example.org"));
        assertEquals(DELIVERED, report.results().get(0).outcome(), report.results().get(0).reply());
      }
      assertEquals(1.0, registry.find("tern.outbound.connections.opened").counter().count(),
          "smtp-sink kept one connection for three messages");
    } finally {
      sink.destroy();
      sink.waitFor(5, TimeUnit.SECONDS);
    }
    assertTrue(Files.exists(dir.resolve("sink.log")));
  }

  private static void awaitListening(int port) throws InterruptedException {
    for (int i = 0; i < 200; i++) {
      try (Socket ignored = new Socket("127.0.0.1", port)) {
        return;
      } catch (java.io.IOException e) {
        Thread.sleep(25);
      }
    }
    fail("smtp-sink did not start listening");
  }
}
