package dev.tern.benchmarks.micro;

import dev.tern.access.imap.internal.codec.FetchItem;
import dev.tern.access.imap.internal.codec.ImapCommand;
import dev.tern.access.imap.internal.codec.ImapCommandLine;
import dev.tern.access.imap.internal.codec.ImapParseResult;
import dev.tern.access.imap.internal.codec.ImapParser;
import dev.tern.access.imap.internal.fetch.FetchEngine;
import dev.tern.access.imap.internal.fetch.FetchOutcome;
import dev.tern.access.imap.internal.fetch.FetchRequest;
import dev.tern.access.imap.internal.message.MessageView;
import dev.tern.access.imap.internal.mime.MessageStructure;
import dev.tern.access.imap.internal.mime.StructureCache;
import dev.tern.access.mailbox.Flags;
import dev.tern.access.mailbox.MailboxStore;
import dev.tern.access.mailbox.MessageSummary;
import dev.tern.benchmarks.RealisticMessages;
import dev.tern.benchmarks.BenchmarkLogging;
import dev.tern.benchmarks.VertxCalls;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * FETCH response encoding. {@code responsePerMessage}: what the server writes per message of
 * {@code UID FETCH 1:100 (FLAGS ENVELOPE BODYSTRUCTURE)} when the structures are cached (a client re-opening a
 * folder): the real {@link FetchEngine} writing UID, FLAGS, ENVELOPE and BODYSTRUCTURE of a multipart/mixed
 * message (multipart/alternative text and HTML plus a PDF attachment) into an output that only counts; the score
 * is per message. The store is one that fails any call, so a cache miss cannot go unnoticed. The engine is called
 * on the JMH thread, not on an event loop: with every structure cached and no content needed it answers within
 * the call (checked: the returned future must already be complete), so one thread owns the FETCH throughout, as
 * the engine requires, and no thread hop adds scheduling noise to a few microseconds of encoding.
 * {@code parseStructure}: the cache-miss cost that precedes it, one mime4j pass over the same 8 KiB message.
 */
@State(Scope.Thread)
public class FetchResponseBenchmark extends MicroSettings {

  static final int MESSAGES = 100;
  static final String ACCOUNT = "bench@bench.example";
  static final String MAILBOX = "INBOX";
  static final long UID_VALIDITY = 1_700_000_000L;
  static final Duration TIMEOUT = Duration.ofSeconds(30);

  private Vertx vertx;
  private FetchEngine engine;
  private FetchRequest request;
  private CountingWriteStream out;
  private byte[] raw;
  private long expectedBytes;

  @Setup
  public void prepare() throws IOException {
    BenchmarkLogging.quiet();
    raw = new RealisticMessages(5).message(RealisticMessages.Shape.MIXED_WITH_ATTACHMENT, 8192);
    MessageStructure structure = MessageStructure.parse(new ByteArrayInputStream(raw));
    StructureCache cache = new StructureCache(MESSAGES);
    List<MessageView> views = new ArrayList<>();
    for (int i = 1; i <= MESSAGES; i++) {
      long uid = 1000 + i;
      views.add(new MessageView(i, new MessageSummary(uid, flagsOf(i), raw.length,
          Instant.parse("2026-11-02T08:00:00Z").plusSeconds(60L * i), 5000 + i, false)));
      cache.put(new StructureCache.Key(ACCOUNT + "/" + MAILBOX, UID_VALIDITY, uid), structure);
    }
    vertx = Vertx.vertx();
    engine = new FetchEngine(vertx, untouchableStore(), cache);
    request = new FetchRequest(ACCOUNT, MAILBOX, UID_VALIDITY, views,
        fetchItems("UID FETCH 1:" + MESSAGES + " (FLAGS ENVELOPE BODYSTRUCTURE)"), true, Set.of());
    out = new CountingWriteStream(false);
    expectedBytes = fetchOnce(out);
  }

  @TearDown
  public void close() throws Exception {
    if (vertx != null) {
      VertxCalls.await(vertx.close(), TIMEOUT);
    }
  }

  @Benchmark
  @OperationsPerInvocation(MESSAGES)
  public long responsePerMessage() {
    out.reset();
    long written = fetchOnce(out);
    if (written != expectedBytes) {
      throw new IllegalStateException("wrote " + written + " bytes, the first run wrote " + expectedBytes);
    }
    return written;
  }

  @Benchmark
  public MessageStructure parseStructure() throws IOException {
    return MessageStructure.parse(new ByteArrayInputStream(raw));
  }

  /** Runs the FETCH; returns the octets written. Fails unless it completed within the call, every message answered. */
  long fetchOnce(CountingWriteStream output) {
    Future<FetchOutcome> fetched = engine.fetch(request, output);
    if (!fetched.isComplete()) {
      throw new IllegalStateException("the FETCH did not complete within the call: a structure was not cached");
    }
    if (fetched.failed()) {
      throw new IllegalStateException("the FETCH failed", fetched.cause());
    }
    FetchOutcome outcome = fetched.result();
    if (outcome.messagesSent() != MESSAGES || !outcome.vanishedUids().isEmpty()) {
      throw new IllegalStateException("FETCH answered " + outcome.messagesSent() + " of " + MESSAGES + " messages");
    }
    return output.bytes();
  }

  static List<FetchItem> fetchItems(String command) {
    ImapParseResult result = new ImapParser().parse(ImapCommandLine.of("f1 " + command));
    if (!(result instanceof ImapParseResult.Parsed parsed) || !(parsed.command() instanceof ImapCommand.Fetch fetch)) {
      throw new IllegalArgumentException("not a FETCH: " + command + " -> " + result);
    }
    return fetch.items();
  }

  /** A mailbox's usual mix: most seen, some answered, a few flagged with a keyword. */
  static Set<String> flagsOf(int i) {
    if (i % 7 == 0) {
      return Set.of(Flags.SEEN, Flags.FLAGGED, "$Label1");
    }
    return i % 3 == 0 ? Set.of(Flags.SEEN, Flags.ANSWERED) : Set.of(Flags.SEEN);
  }

  /** A store that fails every call: the FETCH must be answered from the summaries and the structure cache. */
  static MailboxStore untouchableStore() {
    return (MailboxStore) Proxy.newProxyInstance(MailboxStore.class.getClassLoader(),
        new Class<?>[] {MailboxStore.class},
        (proxy, method, args) -> {
          throw new IllegalStateException("the benchmark's FETCH touched the store: " + method.getName());
        });
  }
}
