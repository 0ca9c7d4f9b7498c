package dev.tern.relay.session;

import dev.tern.relay.SmtpListenerOptions.Role;
import dev.tern.relay.support.RelayFixture;
import dev.tern.relay.support.SmtpClient;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Whatever a client throws at it, the server answers the next client normally and stores only real mail. */
class BadInputSurvivalTest {

  private static Vertx vertx;
  private static RelayFixture relay;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    relay = new RelayFixture(vertx, RelayFixture.options(Role.MX).maxErrors(5)).start();
  }

  @AfterAll
  static void stop() {
    relay.close();
    vertx.close().await();
  }

  static Stream<byte[]> badInputs() {
    byte[] random = new byte[20_000];
    new Random(42).nextBytes(random);
    byte[] tlsHello = {0x16, 0x03, 0x01, 0x00, (byte) 0xa5, 0x01, 0x00, 0x00, (byte) 0xa1, 0x03, 0x03};
    return Stream.of(
        random,
        tlsHello,
        bytes("\r\n".repeat(50)),
        bytes("\n\n\n\r\r\r"),
        bytes("EHLO x\r\nMAIL FROM:<a@b.test>\r\nRCPT TO:<alice@example.org>\r\nDATA\r\nunfinished"),
        bytes("EHLO x\r\nMAIL FROM:<a@b.test>\r\nRCPT TO:<alice@example.org>\r\nBDAT 100000 LAST\r\nshort"),
        bytes("EHLO x\r\nAUTH PLAIN\r\n"),
        bytes("\u0000\u0001\u0002\r\n"),
        bytes("MAIL FROM:<" + "a".repeat(5000) + "@b.test>\r\n"),
        bytes("EHLO x\r\nBDAT 99999999999999999999\r\n"),
        bytes("QUIT"));
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static void deliverOne(String subject) throws IOException {
    try (SmtpClient c = relay.connect(Role.MX)) {
      c.ehlo("good.test");
      c.send("MAIL FROM:<a@remote.test>").expect(250);
      c.send("RCPT TO:<alice@example.org>").expect(250);
      c.send("DATA").expect(354);
      c.raw("Subject: " + subject + "\r\n\r\nok\r\n.\r\n").expect(250);
    }
  }

  @ParameterizedTest
  @MethodSource("badInputs")
  void aBadClientThenAGoodOne(byte[] junk) throws Exception {
    int before = relay.spool.stored().size();
    try (SmtpClient bad = relay.connect(Role.MX)) {
      bad.raw(junk);
      bad.socket().shutdownOutput();
      while (!bad.closedByServer()) {
        // read and ignore whatever the server answers until it hangs up
      }
    } catch (IOException expected) {
      // the server may reset the connection
    }
    deliverOne("after junk");
    assertEquals(before + 1, relay.spool.stored().size());
    assertTrue(relay.spool.stored().get(before).text().contains("Subject: after junk"));
  }

  @Test
  void manyConcurrentSessionsAcrossEventLoops() throws Exception {
    int before = relay.spool.stored().size();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> runs = new ArrayList<>();
      for (int i = 0; i < 24; i++) {
        int n = i;
        runs.add(pool.submit(() -> {
          deliverOne("parallel " + n);
          return null;
        }));
      }
      for (Future<?> run : runs) {
        run.get();
      }
    } finally {
      pool.shutdown();
    }
    assertEquals(before + 24, relay.spool.stored().size());
  }
}
