package dev.tern.delivery.local;

import dev.tern.delivery.Intake;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/** Moving stored bodies around: whole into memory, or piece by piece into a new message. */
final class SpoolBodies {

  private SpoolBodies() {}

  /** Reads the whole stream into one buffer; the caller bounds its size before choosing this. */
  static Future<Buffer> readAll(ReadStream<Buffer> body) {
    Promise<Buffer> promise = Promise.promise();
    Buffer all = Buffer.buffer();
    body.exceptionHandler(promise::tryFail);
    body.endHandler(v -> promise.tryComplete(all));
    body.handler(all::appendBuffer);
    return promise.future();
  }

  /**
   * Writes the stream into the intake one piece at a time, waiting for each write (the intake's back-pressure).
   * Completes after the last write; on a failure the stream is left paused for the caller to close.
   */
  static Future<Void> copy(ReadStream<Buffer> body, Intake intake) {
    return new Copy(body, intake).run();
  }

  private static final class Copy {
    private final ReadStream<Buffer> body;
    private final Intake intake;
    private final Promise<Void> done = Promise.promise();
    private Future<Void> lastWrite = Future.succeededFuture();

    Copy(ReadStream<Buffer> body, Intake intake) {
      this.body = body;
      this.intake = intake;
    }

    Future<Void> run() {
      body.exceptionHandler(done::tryFail);
      body.endHandler(v -> lastWrite.onComplete(written -> {
        if (written.succeeded()) {
          done.tryComplete();
        } else {
          done.tryFail(written.cause());
        }
      }));
      body.handler(chunk -> {
        body.pause();
        lastWrite = intake.write(chunk).onComplete(written -> {
          if (written.failed()) {
            done.tryFail(written.cause());
          } else if (!done.future().isComplete()) {
            body.resume();
          }
        });
      });
      return done.future();
    }
  }
}
