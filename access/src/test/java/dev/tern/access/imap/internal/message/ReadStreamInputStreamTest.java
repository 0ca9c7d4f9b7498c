package dev.tern.access.imap.internal.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tern.access.mailbox.MessageContent;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import io.vertx.junit5.VertxExtension;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class ReadStreamInputStreamTest {

  private static final int CHUNK = 64 * 1024;

  /** Emits {@code chunks} chunks as fast as demand allows, counting what it emitted. */
  private static final class Source implements ReadStream<Buffer> {
    final Context context;
    final int chunks;
    final AtomicLong emitted = new AtomicLong();
    final IOException failAfterHalf;
    int sent;
    boolean paused;
    Handler<Buffer> handler;
    Handler<Void> endHandler;
    Handler<Throwable> exceptionHandler;

    Source(Context context, int chunks, IOException failAfterHalf) {
      this.context = context;
      this.chunks = chunks;
      this.failAfterHalf = failAfterHalf;
    }

    void pump() {
      context.runOnContext(v -> {
        if (paused || handler == null) {
          return;
        }
        if (sent == chunks) {
          endHandler.handle(null);
          return;
        }
        if (failAfterHalf != null && sent == chunks / 2) {
          exceptionHandler.handle(failAfterHalf);
          return;
        }
        byte[] data = new byte[CHUNK];
        for (int i = 0; i < CHUNK; i++) {
          data[i] = (byte) ('a' + (sent + i) % 26);
        }
        sent++;
        emitted.addAndGet(CHUNK);
        handler.handle(Buffer.buffer(data));
        pump();
      });
    }

    @Override
    public ReadStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
      this.exceptionHandler = handler;
      return this;
    }

    @Override
    public ReadStream<Buffer> handler(Handler<Buffer> handler) {
      this.handler = handler;
      pump();
      return this;
    }

    @Override
    public ReadStream<Buffer> pause() {
      paused = true;
      return this;
    }

    @Override
    public ReadStream<Buffer> resume() {
      paused = false;
      pump();
      return this;
    }

    @Override
    public ReadStream<Buffer> fetch(long amount) {
      return resume();
    }

    @Override
    public ReadStream<Buffer> endHandler(Handler<Void> endHandler) {
      this.endHandler = endHandler;
      return this;
    }
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.await(30, TimeUnit.SECONDS);
  }

  @Test
  void aWorkerReadsEverythingWhileTheQueueStaysBounded(Vertx vertx) throws Exception {
    Context context = vertx.getOrCreateContext();
    AtomicBoolean closed = new AtomicBoolean();
    Promise<Source> started = Promise.promise();
    Promise<InputStream> input = Promise.promise();
    context.runOnContext(v -> {
      Source source = new Source(context, 200, null);
      MessageContent content = new MessageContent(1, 200L * CHUNK, source, () -> {
        closed.set(true);
        return Future.succeededFuture();
      });
      input.complete(new ReadStreamInputStream(context, content));
      started.complete(source);
    });
    Source source = await(started.future());
    AtomicLong maxAhead = new AtomicLong();
    InputStream stream = await(input.future());
    byte[] all = await(vertx.executeBlocking(() -> {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (InputStream in = stream) {
        byte[] buffer = new byte[1000];
        int n;
        while ((n = in.read(buffer)) >= 0) {
          out.write(buffer, 0, n);
          maxAhead.accumulateAndGet(source.emitted.get() - out.size(), Math::max);
          if (out.size() / CHUNK != (out.size() - n) / CHUNK) {
            Thread.sleep(1); // a reader slower than the stream, so the queue fills up
          }
        }
      }
      return out.toByteArray();
    }));
    assertEquals(200 * CHUNK, all.length);
    assertEquals((byte) 'a', all[0]);
    assertEquals((byte) ('a' + (199 + CHUNK - 1) % 26), all[all.length - 1]);
    assertTrue(maxAhead.get() <= ReadStreamInputStream.HIGH_WATER + 2L * CHUNK, "ahead " + maxAhead.get());
    await(vertx.timer(50));
    assertTrue(closed.get());
  }

  @Test
  void aStreamFailureReachesTheReader(Vertx vertx) throws Exception {
    Context context = vertx.getOrCreateContext();
    Promise<InputStream> input = Promise.promise();
    context.runOnContext(v -> input.complete(new ReadStreamInputStream(context, new MessageContent(1, 10L * CHUNK,
        new Source(context, 10, new IOException("disk gone")), Future::succeededFuture))));
    InputStream in = await(input.future());
    IOException failure = await(vertx.executeBlocking(() -> assertThrows(IOException.class, () -> {
      byte[] buffer = new byte[CHUNK];
      while (in.read(buffer) >= 0) {
        // read until the failure
      }
    })));
    assertTrue(failure.getMessage().contains("disk gone"));
    in.close();
  }

  @Test
  void closingEarlyReleasesTheMessage(Vertx vertx) throws Exception {
    Context context = vertx.getOrCreateContext();
    AtomicBoolean closed = new AtomicBoolean();
    Promise<InputStream> input = Promise.promise();
    context.runOnContext(v -> input.complete(new ReadStreamInputStream(context, new MessageContent(1, 100L * CHUNK,
        new Source(context, 100, null), () -> {
          closed.set(true);
          return Future.succeededFuture();
        }))));
    InputStream in = await(input.future());
    byte[] first = await(vertx.executeBlocking(() -> {
      byte[] buffer = new byte[10];
      assertEquals(10, in.read(buffer));
      in.close();
      return buffer;
    }));
    assertArrayEquals("abcdefghij".getBytes(), first);
    await(vertx.timer(50));
    assertTrue(closed.get());
    assertThrows(IOException.class, () -> in.read(new byte[1]));
  }
}
