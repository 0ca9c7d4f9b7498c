package dev.tern.access.imap.internal.fetch;

import dev.tern.access.imap.internal.message.MessageLoader;
import dev.tern.access.imap.internal.mime.StructureCache;
import dev.tern.access.mailbox.MailboxStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;

/**
 * Answers FETCH (RFC 3501 6.4.5, MODSEQ of RFC 7162) for the FETCH handler: writes one {@code * n FETCH (...)}
 * response per message to the session's output. Items the store's summary answers (FLAGS, UID, RFC822.SIZE,
 * INTERNALDATE, MODSEQ) never touch the store; ENVELOPE, BODY, BODYSTRUCTURE and sections use the
 * {@link StructureCache}, parsing on a worker on a miss; sections come from the message held in memory (up to
 * {@link MessageLoader#IN_MEMORY_LIMIT}) or are streamed from the store range by range. Message bytes are served
 * with CRLF line ends ({@link dev.tern.access.imap.internal.message.LineEnds}).
 *
 * <p>Stateless and shareable; each call is confined to the context it is made on, which must be the session's
 * event loop (where {@code out} is written). While a FETCH waits for {@code out} to drain it owns out's
 * {@code drainHandler} (and sets it back to null); the session must not write to {@code out} until the returned
 * future completes.
 */
public final class FetchEngine {

  private final Vertx vertx;
  private final MailboxStore store;
  private final StructureCache cache;

  public FetchEngine(Vertx vertx, MailboxStore store, StructureCache cache) {
    this.vertx = vertx;
    this.store = store;
    this.cache = cache;
  }

  /**
   * Writes {@code * <seq> FETCH (...)\r\n} per message in request order to {@code out}; completes when all are
   * written (handed to {@code out}), honouring {@code out}'s write queue. Messages whose content is gone are
   * skipped and listed in the outcome. On failure every response written is complete, except when the failure is
   * an {@link IncompleteResponseException}: then the session must close the connection. A failed write to
   * {@code out} (the client went away) fails the FETCH.
   */
  public Future<FetchOutcome> fetch(FetchRequest request, WriteStream<Buffer> out) {
    MessageLoader loader = new MessageLoader(store, request.account(), request.mailbox());
    return new FetchRun(vertx, loader, cache, request, new ResponseWriter(vertx, out)).start();
  }
}
