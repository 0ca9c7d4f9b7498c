package dev.tern.access.imap.internal.fetch;

import dev.tern.access.imap.internal.message.MessageLoader;
import dev.tern.access.imap.internal.message.MessageView;
import dev.tern.access.imap.internal.message.ReadStreamInputStream;
import dev.tern.access.imap.internal.mime.MessageStructure;
import dev.tern.access.imap.internal.mime.StructureCache;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * One FETCH in progress. Responses go out strictly in request order, while up to {@link #MAX_AHEAD} later
 * messages are prepared (opened, read, parsed on a worker) so the store's and the parser's latency overlap
 * with writing; the prepared bytes held ahead are capped at {@link #MAX_BYTES_AHEAD}. The loop runs as long
 * as the output takes data and the next message is ready, and otherwise returns and is resumed by the event
 * it waits for (drain, preparation, a streamed section), so 100,000 summary-only responses leave in a handful
 * of event-loop turns without deep call stacks. Confined to the session's event loop.
 */
final class FetchRun {

  static final int MAX_AHEAD = 32;
  static final long MAX_BYTES_AHEAD = 4L * 1024 * 1024;

  private final Vertx vertx;
  private final Context context;
  private final StructureCache cache;
  private final FetchRequest request;
  private final FetchPlan plan;
  private final MessageLoader loader;
  private final ResponseWriter writer;
  private final MessageResponder responder;
  private final Promise<FetchOutcome> done = Promise.promise();
  private final Deque<Pending> window = new ArrayDeque<>();
  private final List<Long> vanished = new ArrayList<>();
  private int nextToPrepare;
  private int nextToWrite;
  private long bytesAhead;
  private int sent;
  private boolean finished;

  /** A message being prepared and the memory it is counted for. */
  private record Pending(Future<PreparedMessage> prepared, long bytes) {
  }

  FetchRun(Vertx vertx, MessageLoader loader, StructureCache cache, FetchRequest request, ResponseWriter writer) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.cache = cache;
    this.request = request;
    this.plan = FetchPlan.of(request.items(), request.includeUid());
    this.loader = loader;
    this.writer = writer;
    this.responder = new MessageResponder(plan, request.addFlagsFor(), loader, writer);
  }

  Future<FetchOutcome> start() {
    pump();
    return done.future();
  }

  private void pump() {
    try {
      writeWhatIsReady();
    } catch (RuntimeException e) {
      fail(e);
    }
  }

  private void writeWhatIsReady() {
    List<MessageView> messages = request.messages();
    while (!finished) {
      if (writer.failure() != null) {
        fail(writer.failure());
        return;
      }
      if (nextToWrite == messages.size()) {
        complete();
        return;
      }
      if (writer.full()) {
        writer.flush();
        writer.whenWritable().onComplete(this::resume);
        return;
      }
      PreparedMessage message;
      if (plan.summaryOnly()) {
        message = PreparedMessage.summary(messages.get(nextToWrite));
      } else {
        refill();
        Pending head = window.peek();
        if (!head.prepared().isComplete()) {
          writer.flushSoon();
          head.prepared().onComplete(ignored -> pump());
          return;
        }
        window.poll();
        bytesAhead -= head.bytes();
        if (head.prepared().failed()) {
          fail(head.prepared().cause());
          return;
        }
        message = head.prepared().result();
      }
      nextToWrite++;
      Future<Boolean> written = responder.write(message);
      if (!written.isComplete()) {
        refill();
        written.onComplete(result -> {
          if (result.succeeded()) {
            count(message, result.result());
          }
          resume(result.mapEmpty());
        });
        return;
      }
      if (written.failed()) {
        fail(written.cause());
        return;
      }
      count(message, written.result());
    }
  }

  private void resume(AsyncResult<Void> ready) {
    if (ready.succeeded()) {
      pump();
    } else {
      fail(ready.cause());
    }
  }

  private void count(PreparedMessage message, boolean answered) {
    if (answered) {
      sent++;
    } else {
      vanished.add(message.view().uid());
    }
  }

  /** Starts preparing the next messages, within the window's count and memory caps (at least one). */
  private void refill() {
    List<MessageView> messages = request.messages();
    while (nextToPrepare < messages.size() && window.size() < MAX_AHEAD) {
      MessageView view = messages.get(nextToPrepare);
      long bytes = heldBytes(view);
      if (!window.isEmpty() && bytesAhead + bytes > MAX_BYTES_AHEAD) {
        return;
      }
      window.add(new Pending(prepare(view), bytes));
      bytesAhead += bytes;
      nextToPrepare++;
    }
  }

  /** Memory a message takes while prepared: its bytes when read whole, the bridge's buffer when streamed. */
  private long heldBytes(MessageView view) {
    long size = view.summary().size();
    return MessageLoader.fitsInMemory(size) ? size : ReadStreamInputStream.HIGH_WATER;
  }

  private Future<PreparedMessage> prepare(MessageView view) {
    boolean streamed = !MessageLoader.fitsInMemory(view.summary().size());
    boolean wantStructure = plan.needsStructure(streamed);
    StructureCache.Key key = new StructureCache.Key(request.account() + "/" + request.mailbox(),
        request.uidValidity(), view.uid());
    MessageStructure cached = wantStructure ? cache.cached(key).orElse(null) : null;
    Future<PreparedMessage> prepared;
    if (plan.needsContent() && !streamed) {
      prepared = loader.readAll(view.uid()).compose(bytes -> {
        if (!wantStructure) {
          return Future.succeededFuture(new PreparedMessage(view, bytes, null, false));
        }
        if (cached != null && cached.size() == bytes.length) {
          return Future.succeededFuture(new PreparedMessage(view, bytes, cached, false));
        }
        return parse(new ByteArrayInputStream(bytes), key).map(structure -> new PreparedMessage(view, bytes, structure, false));
      });
    } else if (wantStructure && cached == null) {
      Future<MessageStructure> structure = streamed
          ? loader.open(view.uid()).compose(content -> parse(new ReadStreamInputStream(context, content), key))
          : loader.readAll(view.uid()).compose(bytes -> parse(new ByteArrayInputStream(bytes), key));
      prepared = structure.map(parsed -> new PreparedMessage(view, null, parsed, false));
    } else {
      prepared = Future.succeededFuture(new PreparedMessage(view, null, cached, false));
    }
    return prepared.recover(failure -> MessageLoader.isGone(failure)
        ? Future.succeededFuture(PreparedMessage.vanished(view)) : Future.failedFuture(failure));
  }

  /** Parses on a worker (unordered, so several messages parse at once) and caches the result. */
  private Future<MessageStructure> parse(InputStream raw, StructureCache.Key key) {
    return vertx.executeBlocking(() -> {
      try (raw) {
        MessageStructure structure = MessageStructure.parse(raw);
        cache.put(key, structure);
        return structure;
      }
    }, false);
  }

  private void complete() {
    finished = true;
    writer.flush();
    done.complete(new FetchOutcome(sent, vanished));
  }

  private void fail(Throwable cause) {
    if (finished) {
      return;
    }
    finished = true;
    if (writer.failure() == null) {
      writer.flush(); // the complete responses before the failure still count
    } else {
      writer.discard();
    }
    done.fail(cause);
  }
}
