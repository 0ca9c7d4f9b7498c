package dev.tern.delivery.fs;

import dev.tern.delivery.Spool;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/** The embedded spool: a segmented append-only log with group commit. Built on the spool branch. */
public abstract class FsSpool implements Spool {

  /** Opens (recovering if needed) the spool in {@code options.directory()}. */
  public static Future<FsSpool> open(Vertx vertx, FsSpoolOptions options, MeterRegistry meters) {
    return Future.failedFuture(new IllegalStateException("FsSpool is built on the spool branch"));
  }
}
