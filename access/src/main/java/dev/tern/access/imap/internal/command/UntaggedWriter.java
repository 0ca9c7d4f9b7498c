package dev.tern.access.imap.internal.command;

import dev.tern.access.imap.internal.session.ImapSession;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

import java.util.List;
import java.util.function.BiConsumer;

/**
 * Writes one untagged response per item (STORE's FETCH responses for a large set, say) in socket writes of
 * about {@value #BATCH} octets, and waits while the client is not reading, so a big answer is neither sent as
 * thousands of tiny writes nor held in memory whole.
 */
final class UntaggedWriter {

  static final int BATCH = 32 * 1024;

  private UntaggedWriter() {
  }

  /** Renders {@code items} in order; completes once the last batch is handed to the socket. */
  static <T> Future<Void> write(ImapSession session, List<T> items, BiConsumer<T, Buffer> render) {
    return writeFrom(session, items, render, 0);
  }

  private static <T> Future<Void> writeFrom(ImapSession session, List<T> items, BiConsumer<T, Buffer> render,
      int from) {
    Buffer out = Buffer.buffer();
    int next = from;
    while (next < items.size() && out.length() < BATCH) {
      render.accept(items.get(next++), out);
    }
    if (out.length() > 0) {
      session.send(out);
    }
    if (next >= items.size() || session.closed()) {
      return Future.succeededFuture();
    }
    int resume = next;
    return session.writable().compose(v -> writeFrom(session, items, render, resume));
  }
}
