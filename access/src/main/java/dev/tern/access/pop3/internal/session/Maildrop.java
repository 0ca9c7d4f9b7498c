package dev.tern.access.pop3.internal.session;

import dev.tern.access.mailbox.MailboxSnapshot;
import dev.tern.access.mailbox.MessageSummary;
import dev.tern.access.pop3.internal.codec.Pop3Response;
import dev.tern.access.pop3.internal.codec.UidlEncoding;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The messages of one POP3 session: INBOX as it was at login, numbered from 1 in UID order, plus the
 * deletion marks DELE set. Mail arriving later stays invisible until the next login (RFC 1939 keeps
 * message numbers fixed for the session). Confined to the session's event loop.
 */
public final class Maildrop {

  private final String account;
  private final long uidValidity;
  private final List<MessageSummary> messages;
  private final boolean[] deleted;
  private int deletedCount;
  private long deletedOctets;

  public Maildrop(String account, MailboxSnapshot snapshot) {
    this.account = account;
    this.uidValidity = snapshot.status().uidValidity();
    this.messages = snapshot.messages();
    this.deleted = new boolean[messages.size()];
  }

  public String account() {
    return account;
  }

  /** Messages not marked deleted (STAT). */
  public int count() {
    return messages.size() - deletedCount;
  }

  /** Their size in octets as RETR sends them before dot-stuffing (STAT). */
  public long octets() {
    long total = 0;
    for (MessageSummary message : messages) {
      total += message.size();
    }
    return total - deletedOctets;
  }

  /** Message {@code number}, or empty when there is none or it is marked deleted. */
  public Optional<MessageSummary> message(int number) {
    if (number < 1 || number > messages.size() || deleted[number - 1]) {
      return Optional.empty();
    }
    return Optional.of(messages.get(number - 1));
  }

  /** Marks a message deleted; false when it does not exist or is already marked. */
  public boolean markDeleted(int number) {
    if (message(number).isEmpty()) {
      return false;
    }
    deleted[number - 1] = true;
    deletedCount++;
    deletedOctets += messages.get(number - 1).size();
    return true;
  }

  /** RSET: forgets every deletion mark. */
  public void unmarkAll() {
    Arrays.fill(deleted, false);
    deletedCount = 0;
    deletedOctets = 0;
  }

  /** The UIDs to remove at QUIT. */
  public List<Long> markedUids() {
    List<Long> uids = new ArrayList<>(deletedCount);
    for (int i = 0; i < deleted.length; i++) {
      if (deleted[i]) {
        uids.add(messages.get(i).uid());
      }
    }
    return uids;
  }

  /** The UIDL value of a message: stable across sessions as long as UIDVALIDITY stays. */
  public String uidl(MessageSummary message) {
    return UidlEncoding.encode(uidValidity, message.uid());
  }

  /** "n octets" for every message not marked deleted (LIST). */
  public List<String> scanListings() {
    List<String> lines = new ArrayList<>(count());
    forEachVisible((number, message) -> lines.add(Pop3Response.scanListing(number, message.size())));
    return lines;
  }

  /** "n uid" for every message not marked deleted (UIDL). */
  public List<String> uniqueIdListings() {
    List<String> lines = new ArrayList<>(count());
    forEachVisible((number, message) -> lines.add(Pop3Response.uniqueIdListing(number, uidl(message))));
    return lines;
  }

  private interface NumberedMessage {
    void accept(int number, MessageSummary message);
  }

  private void forEachVisible(NumberedMessage action) {
    for (int i = 0; i < messages.size(); i++) {
      if (!deleted[i]) {
        action.accept(i + 1, messages.get(i));
      }
    }
  }
}
