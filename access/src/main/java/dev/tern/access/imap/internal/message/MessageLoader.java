package dev.tern.access.imap.internal.message;

import dev.tern.access.mailbox.MailboxException;
import dev.tern.access.mailbox.MailboxStore;
import dev.tern.access.mailbox.MessageContent;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

import java.io.IOException;
import java.nio.file.NoSuchFileException;

/**
 * Reads stored messages of one mailbox for the FETCH and SEARCH engines. A message of at most
 * {@link #IN_MEMORY_LIMIT} octets is read whole into memory (most mail is a few KiB, and one array serves
 * the structure parser and every section); a bigger one is left as a stream for the caller to bridge to a
 * worker ({@link ReadStreamInputStream}) or to copy range by range, never held whole. Call on the session's
 * event loop.
 */
public final class MessageLoader {

  /** Messages up to this size are held in memory while they are parsed or sent. */
  public static final long IN_MEMORY_LIMIT = 1024 * 1024;

  private final MailboxStore store;
  private final String account;
  private final String mailbox;

  public MessageLoader(MailboxStore store, String account, String mailbox) {
    this.store = store;
    this.account = account;
    this.mailbox = mailbox;
  }

  /** Whether a message of this stored size is read into memory by {@link #readAll}. */
  public static boolean fitsInMemory(long size) {
    return size <= IN_MEMORY_LIMIT;
  }

  /** Opens the message as a stream; the caller must consume or close it. */
  public Future<MessageContent> open(long uid) {
    return store.open(account, mailbox, uid);
  }

  /** The whole message, line ends normalised; fails if it turns out larger than twice the in-memory limit. */
  public Future<byte[]> readAll(long uid) {
    return open(uid).compose(MessageLoader::readAll);
  }

  private static Future<byte[]> readAll(MessageContent content) {
    Promise<byte[]> done = Promise.promise();
    Buffer collected = Buffer.buffer((int) Math.min(Math.max(content.size(), 256), IN_MEMORY_LIMIT) + 64);
    ReadStream<Buffer> stream = content.stream();
    stream.exceptionHandler(failure -> {
      content.close();
      done.tryFail(failure);
    });
    stream.endHandler(v -> {
      content.close();
      done.tryComplete(LineEnds.normalise(collected.getBytes()));
    });
    stream.handler(chunk -> {
      collected.appendBuffer(chunk);
      if (collected.length() > 2 * IN_MEMORY_LIMIT) {
        stream.handler(null);
        content.close();
        done.tryFail(new IOException("message " + content.uid() + " is larger than its stored size"));
      }
    });
    return done.future();
  }

  /**
   * Whether a failure to open means the message is gone (another session expunged it, or the mailbox went
   * away) rather than trouble reading it.
   */
  public static boolean isGone(Throwable failure) {
    if (failure instanceof MailboxException refusal) {
      return refusal.reason() == MailboxException.Reason.BAD_INPUT
          || refusal.reason() == MailboxException.Reason.NO_SUCH_MAILBOX;
    }
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof NoSuchFileException) {
        return true;
      }
    }
    return false;
  }
}
