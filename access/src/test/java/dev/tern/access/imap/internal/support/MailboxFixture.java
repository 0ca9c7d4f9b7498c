package dev.tern.access.imap.internal.support;

import dev.tern.access.imap.internal.message.MessageView;
import dev.tern.access.mailbox.MailboxSnapshot;
import dev.tern.access.mailbox.MailboxStore;
import dev.tern.access.mailbox.MessageSummary;
import dev.tern.access.mailbox.QuotaLimits;
import dev.tern.access.mailbox.fs.FsMailboxStore;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A real {@link FsMailboxStore} in a temporary directory with Alice's INBOX, messages appended through the
 * store, the session's view of them, and a way to run engine calls on an event loop as the session does.
 * {@link #store()} counts {@code open} calls, so tests can tell whether a FETCH or SEARCH touched message
 * content.
 */
public final class MailboxFixture {

  public static final String ACCOUNT = "alice@example.com";
  public static final String INBOX = "INBOX";
  public static final Instant DATE = Instant.parse("2024-03-05T09:00:00Z");

  private final Vertx vertx;
  private final Path root;
  private final FsMailboxStore fs;
  private final AtomicInteger opens = new AtomicInteger();
  private final MailboxStore counting;

  public MailboxFixture(Vertx vertx, Path root) {
    this.vertx = vertx;
    this.root = root;
    this.fs = new FsMailboxStore(vertx, root, QuotaLimits.NONE);
    this.counting = (MailboxStore) Proxy.newProxyInstance(MailboxStore.class.getClassLoader(),
        new Class<?>[] {MailboxStore.class}, (proxy, method, args) -> {
          if (method.getName().equals("open")) {
            opens.incrementAndGet();
          }
          try {
            return method.invoke(fs, args);
          } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  /** The store the engines use; it counts {@link MailboxStore#open} calls. */
  public MailboxStore store() {
    return counting;
  }

  public int opens() {
    return opens.get();
  }

  public Vertx vertx() {
    return vertx;
  }

  /** Alice's Maildir (INBOX's tmp/new/cur live here). */
  public Path inboxDirectory() {
    return root.resolve("example.com").resolve("alice");
  }

  /** Appends a message written with "\n" line ends (sent as CRLF). */
  public long append(String text) {
    return append(text, Set.of(), DATE);
  }

  public long append(String text, Set<String> flags, Instant internalDate) {
    return appendBytes(crlf(text), flags, internalDate);
  }

  public long appendBytes(byte[] raw, Set<String> flags, Instant internalDate) {
    return await(fs.append(ACCOUNT, INBOX, flags, internalDate, Buffer.buffer(raw)));
  }

  public MailboxSnapshot snapshot() {
    return await(fs.snapshot(ACCOUNT, INBOX));
  }

  /** Every message of INBOX with sequence numbers 1..n, as a session that just selected it sees them. */
  public List<MessageView> views() {
    List<MessageView> views = new ArrayList<>();
    long sequence = 1;
    for (MessageSummary summary : snapshot().messages()) {
      views.add(new MessageView(sequence++, summary));
    }
    return views;
  }

  public long uidValidity() {
    return snapshot().status().uidValidity();
  }

  /** Runs the call on a fresh event-loop context, as a session would, and waits for its result. */
  public <T> T onEventLoop(Supplier<Future<T>> call) {
    Promise<T> result = Promise.promise();
    Context context = vertx.getOrCreateContext();
    context.runOnContext(v -> {
      try {
        call.get().onComplete(result);
      } catch (RuntimeException e) {
        result.fail(e);
      }
    });
    return await(result.future());
  }

  /** Like {@link #onEventLoop} but returns the failure. */
  public Throwable failureOnEventLoop(Supplier<Future<?>> call) {
    Promise<Throwable> result = Promise.promise();
    vertx.getOrCreateContext().runOnContext(v -> call.get().onComplete(
        done -> result.complete(done.failed() ? done.cause() : null)));
    return await(result.future());
  }

  public void close() {
    await(fs.close());
  }

  public static byte[] crlf(String text) {
    return text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
  }

  public static <T> T await(Future<T> future) {
    try {
      return future.await(60, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("no answer within 60 s", e);
    }
  }
}
