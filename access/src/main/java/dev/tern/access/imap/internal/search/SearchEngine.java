package dev.tern.access.imap.internal.search;

import dev.tern.access.imap.internal.codec.SearchKey;
import dev.tern.access.imap.internal.message.MessageLoader;
import dev.tern.access.imap.internal.message.MessageView;
import dev.tern.access.imap.internal.message.ReadStreamInputStream;
import dev.tern.access.imap.internal.mime.MessageStructure;
import dev.tern.access.imap.internal.mime.StructureCache;
import dev.tern.access.mailbox.MailboxStore;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Answers SEARCH (RFC 3501 6.4.4, MODSEQ of RFC 7162) for the SEARCH handler. Each message is tested first on
 * its summary (flags, size, dates, numbers, MODSEQ); only if that leaves the answer open is its structure looked
 * up in the {@link StructureCache} (header keys and SENT* dates), and only if that still leaves it open is the
 * message read and scanned on a worker ({@link ContentScanner}), a few messages at a time. A message expunged
 * meanwhile does not match. Search strings match case-insensitively; the handler has already turned them into
 * Java strings from the command's charset.
 *
 * <p>Stateless and shareable; call on the session's event loop.
 */
public final class SearchEngine {

  /** Messages read and scanned at the same time by one SEARCH. */
  static final int CONCURRENT_SCANS = 4;

  private final Vertx vertx;
  private final MailboxStore store;
  private final StructureCache cache;

  public SearchEngine(Vertx vertx, MailboxStore store, StructureCache cache) {
    this.vertx = vertx;
    this.store = store;
    this.cache = cache;
  }

  /** Messages matching key, in the order given. messages = the whole selected mailbox view (for * and seq sets). */
  public Future<List<MessageView>> search(String account, String mailbox, long uidValidity,
                                          List<MessageView> messages, SearchKey key) {
    long maxSequence = 0;
    long maxUid = 0;
    for (MessageView message : messages) {
      maxSequence = Math.max(maxSequence, message.sequence());
      maxUid = Math.max(maxUid, message.uid());
    }
    Criterion criterion = Criterion.compile(key, maxSequence, maxUid);
    boolean[] matches = new boolean[messages.size()];
    List<Integer> toScan = new ArrayList<>();
    for (int i = 0; i < messages.size(); i++) {
      MessageView message = messages.get(i);
      Truth truth = criterion.test(message, MessageFacts.NONE);
      if (truth == Truth.UNKNOWN) {
        Optional<MessageStructure> structure =
            cache.cached(new StructureCache.Key(account + "/" + mailbox, uidValidity, message.uid()));
        if (structure.isPresent()) {
          truth = criterion.test(message, new StructureFacts(structure.get()));
        }
      }
      if (truth == Truth.UNKNOWN) {
        toScan.add(i);
      } else {
        matches[i] = truth == Truth.YES;
      }
    }
    if (toScan.isEmpty()) {
      return Future.succeededFuture(collect(messages, matches));
    }
    Set<String> needles = new HashSet<>();
    Criterion.bodyNeedles(criterion, needles);
    ContentScanner scanner = new ContentScanner(Criterion.headerFields(criterion), needles);
    Scans scans = new Scans(new MessageLoader(store, account, mailbox), criterion, scanner, messages, toScan, matches);
    return scans.run().map(v -> collect(messages, matches));
  }

  private static List<MessageView> collect(List<MessageView> messages, boolean[] matches) {
    List<MessageView> result = new ArrayList<>();
    for (int i = 0; i < matches.length; i++) {
      if (matches[i]) {
        result.add(messages.get(i));
      }
    }
    return result;
  }

  /** The messages that must be read, at most {@link #CONCURRENT_SCANS} at a time. */
  private final class Scans {
    private final MessageLoader loader;
    private final Criterion criterion;
    private final ContentScanner scanner;
    private final List<MessageView> messages;
    private final List<Integer> toScan;
    private final boolean[] matches;
    private final Context context = vertx.getOrCreateContext();
    private final Promise<Void> done = Promise.promise();
    private int next;
    private int running;

    Scans(MessageLoader loader, Criterion criterion, ContentScanner scanner, List<MessageView> messages,
          List<Integer> toScan, boolean[] matches) {
      this.loader = loader;
      this.criterion = criterion;
      this.scanner = scanner;
      this.messages = messages;
      this.toScan = toScan;
      this.matches = matches;
    }

    Future<Void> run() {
      startMore();
      return done.future();
    }

    private void startMore() {
      while (running < CONCURRENT_SCANS && next < toScan.size() && !done.future().isComplete()) {
        int index = toScan.get(next++);
        running++;
        scan(messages.get(index)).onComplete(result -> {
          running--;
          if (result.failed()) {
            if (!MessageLoader.isGone(result.cause())) {
              done.tryFail(result.cause());
              return;
            }
          } else {
            matches[index] = criterion.test(messages.get(index), result.result()) == Truth.YES;
          }
          if (next == toScan.size() && running == 0) {
            done.tryComplete();
          } else {
            startMore();
          }
        });
      }
    }

    private Future<ScannedFacts> scan(MessageView message) {
      if (MessageLoader.fitsInMemory(message.summary().size())) {
        return loader.readAll(message.uid()).compose(bytes -> onWorker(new ByteArrayInputStream(bytes)));
      }
      return loader.open(message.uid()).compose(content -> onWorker(new ReadStreamInputStream(context, content)));
    }

    private Future<ScannedFacts> onWorker(InputStream raw) {
      return vertx.executeBlocking(() -> {
        try (raw) {
          return scanner.scan(raw);
        }
      }, false);
    }
  }
}
