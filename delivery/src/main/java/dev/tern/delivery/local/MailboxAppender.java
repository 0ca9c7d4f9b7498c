package dev.tern.delivery.local;

import dev.tern.access.mailbox.MailboxStore;
import dev.tern.delivery.QueueId;
import dev.tern.delivery.Spool;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

import java.time.Instant;
import java.util.Set;

/**
 * Stores one message into one account's INBOX: {@code Return-Path:} and {@code Delivered-To:} first (as Postfix's
 * local delivery writes them), then the body exactly as spooled, from memory or streamed from the spool.
 */
final class MailboxAppender {

  static final String INBOX = "INBOX";

  private final Vertx vertx;
  private final MailboxStore mailboxes;
  private final Spool spool;
  private final QueueId id;
  private final String sender;

  MailboxAppender(Vertx vertx, MailboxStore mailboxes, Spool spool, QueueId id, String sender) {
    this.vertx = vertx;
    this.mailboxes = mailboxes;
    this.spool = spool;
    this.id = id;
    this.sender = sender;
  }

  /** The lines put before the body; the sender is empty for the null sender, which gives {@code <>}. */
  static Buffer prefix(String sender, String mailbox) {
    return Buffer.buffer("Return-Path: <" + sender + ">\r\n" + DeliveredTo.FIELD + ": " + mailbox + "\r\n");
  }

  /** Completes with the new message's UID; fails as the store does (quota, refusal, I/O). */
  Future<Long> append(String mailbox, Original original) {
    Buffer prefix = prefix(sender, mailbox);
    Instant now = Instant.now();
    if (original.inMemory()) {
      return mailboxes.append(mailbox, INBOX, Set.of(), now, prefix.appendBuffer(original.body()));
    }
    var context = vertx.getOrCreateContext();
    return spool.openBody(id).compose(body ->
        mailboxes.append(mailbox, INBOX, Set.of(), now, new PrefixedStream(context, prefix, body))
            // A refusal before reading leaves the stream open; closing twice is harmless.
            .eventually(body::close));
  }
}
