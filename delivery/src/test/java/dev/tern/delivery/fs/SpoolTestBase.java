package dev.tern.delivery.fs;

import static dev.tern.delivery.fs.SpoolTestSupport.await;

import io.vertx.core.Vertx;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A fresh Vert.x and an empty spool directory for each test; the Vert.x is closed after it. */
abstract class SpoolTestBase {

  @TempDir
  Path dir;

  protected Vertx vertx;

  @BeforeEach
  void startVertx() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void closeVertx() {
    await(vertx.close());
  }
}
