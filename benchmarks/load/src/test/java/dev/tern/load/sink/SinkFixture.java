package dev.tern.load.sink;

import io.vertx.core.Vertx;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A Vert.x instance with one sink on an ephemeral port, for one test. */
final class SinkFixture implements AutoCloseable {

  final Vertx vertx;
  final SmtpSink sink;

  private SinkFixture(Vertx vertx, SmtpSink sink) {
    this.vertx = vertx;
    this.sink = sink;
  }

  static SinkFixture start(SinkOptions options) {
    Vertx vertx = Vertx.vertx();
    try {
      return new SinkFixture(vertx, SmtpSink.start(vertx, options).await(30, TimeUnit.SECONDS));
    } catch (Exception e) {
      vertx.close().await();
      throw new IllegalStateException("the sink did not start", e);
    }
  }

  static SinkFixture start() {
    return start(SinkOptions.defaults());
  }

  int port() {
    return sink.actualPort();
  }

  SinkStats stats() {
    return sink.stats();
  }

  RawSmtpClient connect() throws IOException {
    return RawSmtpClient.connect(port());
  }

  /** A whole transaction on a new connection: the sink still serves after whatever the test did before. */
  void assertServesNextConnection() throws IOException {
    long acceptedBefore = stats().messagesAccepted();
    try (RawSmtpClient client = connect()) {
      assertTrue(client.hello().startsWith("250"));
      assertEquals("250 2.1.0 Sender ok", client.command("MAIL FROM:<sender@example.org>"));
      assertEquals("250 2.1.5 Recipient ok", client.command("RCPT TO:<rcpt@example.org>"));
      assertTrue(client.command("DATA").startsWith("354 "));
      assertEquals("250 2.0.0 Ok: message accepted", client.command("Subject: next\r\n\r\nstill here\r\n."));
      assertEquals("221 2.0.0 Bye", client.command("QUIT"));
    }
    assertEquals(acceptedBefore + 1, stats().messagesAccepted());
  }

  /** Polls until the condition holds, failing after 10 s. */
  static void awaitCondition(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(10);
    }
  }

  @Override
  public void close() {
    try {
      sink.close().await(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("the sink did not close", e);
    } finally {
      vertx.close().await();
    }
  }
}
