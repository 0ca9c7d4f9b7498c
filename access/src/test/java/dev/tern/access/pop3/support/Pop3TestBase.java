package dev.tern.access.pop3.support;

import dev.tern.access.AccountStore;
import dev.tern.access.pop3.Pop3ServerOptions;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;

/** One Vert.x per test class; each test starts its own server over fresh stores in its own directory. */
public abstract class Pop3TestBase {

  protected static Vertx vertx;

  @TempDir
  protected Path dir;
  protected Pop3Fixture pop3;

  @BeforeAll
  static void startVertx() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void closeVertx() {
    vertx.close().await();
  }

  protected Pop3Fixture start() throws IOException {
    return start(Pop3Fixture.options());
  }

  protected Pop3Fixture start(Pop3ServerOptions options) throws IOException {
    return start(options, UnaryOperator.identity());
  }

  protected Pop3Fixture start(Pop3ServerOptions options, UnaryOperator<AccountStore> accounts) throws IOException {
    pop3 = Pop3Fixture.start(vertx, dir, options, accounts);
    return pop3;
  }

  @AfterEach
  void stopServer() {
    if (pop3 != null) {
      pop3.close();
      pop3 = null;
    }
  }

  /** Polls a condition the server reaches asynchronously; bounded, and asserts nothing about how long it took. */
  protected static void eventually(String what, BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("never happened: " + what);
      }
      Thread.sleep(20);
    }
  }
}
