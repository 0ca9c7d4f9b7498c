package dev.tern.delivery.fs;

import dev.tern.delivery.BodyStream;
import dev.tern.delivery.Envelope;
import dev.tern.delivery.Intake;
import dev.tern.delivery.QueueId;
import dev.tern.delivery.testing.Futures;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Supplier;

/** Runs spool calls the way the relay does (on an event-loop context) and waits for them from the test thread. */
final class SpoolTestSupport {

  static final long NO_DISK_MINIMUM = 0;

  private SpoolTestSupport() {}

  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  static <T> T await(Future<T> future) {
    return Futures.await(future, TIMEOUT);
  }

  static Throwable awaitFailure(Future<?> future) {
    return Futures.awaitFailure(future, TIMEOUT);
  }

  /** Runs {@code action} on an event-loop context and hands back its future. */
  static <T> Future<T> onContext(Context context, Supplier<Future<T>> action) {
    Promise<T> promise = Promise.promise();
    context.runOnContext(v -> action.get().onComplete(promise));
    return promise.future();
  }

  static FsSpool open(Vertx vertx, Path directory, long segmentBytes) {
    return open(vertx, directory, segmentBytes, new SimpleMeterRegistry());
  }

  static FsSpool open(Vertx vertx, Path directory, long segmentBytes, MeterRegistry meters) {
    return await(FsSpool.open(vertx, new FsSpoolOptions(directory, segmentBytes, NO_DISK_MINIMUM), meters));
  }

  static Envelope envelope(String... recipients) {
    return new Envelope("alice@example.org", List.of(recipients), Instant.parse("2025-03-01T10:15:30.123456789Z"),
        "127.0.0.1", "client.example.org", "alice", true, Envelope.BodyType.EIGHT_BIT_MIME, "envid-42");
  }

  static byte[] bytes(int length, long seed) {
    byte[] bytes = new byte[length];
    new java.util.Random(seed).nextBytes(bytes);
    return bytes;
  }

  static List<Buffer> chunks(byte[] body, int chunkSize) {
    List<Buffer> chunks = new ArrayList<>();
    for (int i = 0; i < body.length; i += chunkSize) {
      chunks.add(Buffer.buffer().appendBytes(body, i, Math.min(chunkSize, body.length - i)));
    }
    return chunks;
  }

  /** Writes every chunk, each after the previous write completed, then commits. */
  static Future<QueueId> writeAndCommit(Intake intake, Iterator<Buffer> chunks) {
    return writeAll(intake, chunks).compose(v -> intake.commit());
  }

  static Future<Void> writeAll(Intake intake, Iterator<Buffer> chunks) {
    if (!chunks.hasNext()) {
      return Future.succeededFuture();
    }
    return intake.write(chunks.next()).compose(v -> writeAll(intake, chunks));
  }

  static QueueId store(Vertx vertx, FsSpool spool, Envelope envelope, byte[] body, int chunkSize) {
    Context context = vertx.getOrCreateContext();
    return await(onContext(context, () -> writeAndCommit(spool.begin(envelope), chunks(body, chunkSize).iterator())));
  }

  static byte[] readBody(Vertx vertx, FsSpool spool, QueueId id) {
    Buffer collected = Buffer.buffer();
    await(onContext(vertx.getOrCreateContext(), () -> spool.openBody(id).compose(stream -> drain(stream, collected::appendBuffer))));
    return collected.getBytes();
  }

  static byte[] digestBody(Vertx vertx, FsSpool spool, QueueId id) {
    MessageDigest digest = sha256();
    await(onContext(vertx.getOrCreateContext(), () -> spool.openBody(id).compose(stream -> drain(stream,
        buffer -> digest.update(buffer.getBytes())))));
    return digest.digest();
  }

  static Future<Void> drain(BodyStream stream, java.util.function.Consumer<Buffer> sink) {
    Promise<Void> done = Promise.promise();
    stream.exceptionHandler(done::tryFail);
    stream.endHandler(v -> done.tryComplete());
    stream.handler(sink::accept);
    return done.future();
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
