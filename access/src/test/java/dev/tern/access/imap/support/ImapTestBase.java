package dev.tern.access.imap.support;

import dev.tern.access.imap.ImapServerOptions;
import dev.tern.access.mailbox.QuotaLimits;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** One Vert.x per test class; each test starts its own server over fresh stores in its own directory. */
public abstract class ImapTestBase {

  protected static Vertx vertx;

  @TempDir
  protected Path dir;
  protected ImapFixture imap;

  @BeforeAll
  static void startVertx() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void closeVertx() {
    vertx.close().await();
  }

  protected ImapFixture start() throws IOException {
    return start(ImapFixture.options());
  }

  protected ImapFixture start(ImapServerOptions options) throws IOException {
    imap = ImapFixture.start(vertx, dir, options);
    return imap;
  }

  protected ImapFixture start(ImapServerOptions options, QuotaLimits quotas) throws IOException {
    imap = ImapFixture.start(vertx, dir, options, quotas);
    return imap;
  }

  @AfterEach
  void stopServer() {
    if (imap != null) {
      imap.close();
      imap = null;
    }
  }

  /** Polls a condition the server reaches asynchronously; bounded, and asserts nothing about how long it took. */
  protected static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("never happened: " + what);
      }
      Thread.sleep(20);
    }
  }
}
