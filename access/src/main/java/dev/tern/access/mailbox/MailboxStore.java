package dev.tern.access.mailbox;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Mailboxes of local accounts. Accounts are canonical addresses ({@code alice@example.com}) that the
 * account store already accepted; an account's mailboxes come into existence on first use, with INBOX
 * and one mailbox per {@link SpecialUse}, all subscribed. Mailbox names follow {@link MailboxNames}.
 *
 * <p>Every call is asynchronous and completes on the caller's context. Failures are
 * {@link MailboxException} (with a reason) or {@link QuotaExceededException} for refusals, anything else
 * for I/O trouble. Each successful change is published as a {@link MailboxEvent} before the future
 * completes.
 */
public interface MailboxStore {

  /** Existing mailboxes of the account, INBOX first, then by name. */
  Future<List<MailboxInfo>> list(String account);

  /** Creates a mailbox (parents are not created: Maildir++ has no need of them). */
  Future<Void> create(String account, String mailbox, Optional<SpecialUse> specialUse);

  /** Deletes a mailbox and its messages; its children stay. INBOX cannot be deleted. */
  Future<Void> delete(String account, String mailbox);

  /** Renames a mailbox and every mailbox below it, keeping UIDVALIDITY and UIDs. Not INBOX. */
  Future<Void> rename(String account, String from, String to);

  Future<Void> subscribe(String account, String mailbox);

  Future<Void> unsubscribe(String account, String mailbox);

  /** Subscribed names, which may include mailboxes that no longer exist (IMAP LSUB). */
  Future<List<String>> subscriptions(String account);

  Future<MailboxStatus> status(String account, String mailbox);

  /** Stores a message; the body is taken as is (CRLF line ends expected). Returns the assigned UID. */
  Future<Long> append(String account, String mailbox, Set<String> flags, Instant internalDate, Buffer body);

  /**
   * Streams a message into the mailbox without holding it in memory. The stream is consumed to its end;
   * a stream failure fails the append and leaves nothing behind. If the append is refused before reading
   * (unknown mailbox, bad flags, account already over quota) the stream is left untouched for the caller
   * to discard.
   */
  Future<Long> append(String account, String mailbox, Set<String> flags, Instant internalDate,
                      ReadStream<Buffer> body);

  /** Status and every message's UID, flags, size, internal date and MODSEQ. */
  Future<MailboxSnapshot> snapshot(String account, String mailbox);

  /**
   * Claims the messages no session has seen yet (RFC 3501 \Recent) for the caller and returns their UIDs;
   * a later call, by any session, no longer returns them. IMAP calls it when a mailbox is selected
   * read-write and when new messages appear in it.
   */
  Future<List<Long>> claimRecent(String account, String mailbox);

  /** Opens one message's raw bytes; fails with NO_SUCH_MAILBOX or, for a missing UID, BAD_INPUT. */
  Future<MessageContent> open(String account, String mailbox, long uid);

  /**
   * Changes flags of the given UIDs; with {@code unchangedSince} present, messages whose MODSEQ is greater
   * are left alone and reported as failed (CONDSTORE).
   */
  Future<FlagUpdateResult> updateFlags(String account, String mailbox, Collection<Long> uids, FlagMode mode,
                                       Set<String> flags, OptionalLong unchangedSince);

  /** Removes messages flagged {@code \Deleted}; with {@code uids} present only those among them. */
  Future<List<Long>> expunge(String account, String mailbox, Optional<Collection<Long>> uids);

  /** Copies messages (flags kept) to another mailbox of the same account. */
  Future<UidMapping> copy(String account, String from, Collection<Long> uids, String to);

  /** Moves messages: copy then expunge from the source, one change for each mailbox. */
  Future<UidMapping> move(String account, String from, Collection<Long> uids, String to);

  Future<QuotaUsage> quota(String account);

  Future<Void> close();
}
