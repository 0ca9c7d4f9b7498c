package dev.tern.access.imap.internal.codec;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A syntactically valid IMAP command with typed arguments (the tag travels beside it in
 * {@link ImapParseResult.Parsed}). Mailbox names are decoded from modified UTF-7 and "INBOX" in any case is
 * "INBOX"; flags keep the client's spelling; {@code byUid} marks the UID form of a command.
 */
public sealed interface ImapCommand {

  /** CAPABILITY, NOOP, LOGOUT, STARTTLS, CHECK, CLOSE, UNSELECT, EXPUNGE, IDLE, NAMESPACE. */
  record Simple(Verb verb) implements ImapCommand {
  }

  /** The commands without arguments. */
  enum Verb { CAPABILITY, NOOP, LOGOUT, STARTTLS, CHECK, CLOSE, UNSELECT, EXPUNGE, IDLE, NAMESPACE }

  record Login(String user, String password) implements ImapCommand {
    @Override
    public String toString() {
      return "Login[" + user + ", <hidden>]";
    }
  }

  /**
   * AUTHENTICATE mechanism [initial-response] (RFC 4959 SASL-IR); the mechanism is upper-cased, the response
   * is the base64 text as sent, "=" standing for an empty response.
   */
  record Authenticate(String mechanism, Optional<String> initialResponse) implements ImapCommand {
    @Override
    public String toString() {
      return "Authenticate[" + mechanism + (initialResponse.isPresent() ? ", <initial response>]" : "]");
    }
  }

  /** SELECT or EXAMINE (readOnly), with the CONDSTORE select parameter (RFC 7162). */
  record Select(String mailbox, boolean readOnly, boolean condStore) implements ImapCommand {
  }

  /** CREATE, with the special-use attributes of {@code (USE (...))} (RFC 6154), e.g. "\Drafts". */
  record Create(String mailbox, List<String> specialUse) implements ImapCommand {
  }

  record Delete(String mailbox) implements ImapCommand {
  }

  record Rename(String from, String to) implements ImapCommand {
  }

  /** SUBSCRIBE or UNSUBSCRIBE. */
  record Subscribe(String mailbox, boolean subscribe) implements ImapCommand {
  }

  /**
   * LIST (RFC 3501, LIST-EXTENDED basics of RFC 5258) or LSUB. Selection options and return options are
   * upper-cased; {@code returnStatus} holds the items of {@code RETURN (STATUS (...))}, empty if not asked.
   */
  record ListMailboxes(boolean lsub, String reference, List<String> patterns, Set<String> selectionOptions,
                       Set<String> returnOptions, List<StatusItem> returnStatus) implements ImapCommand {
  }

  record Status(String mailbox, List<StatusItem> items) implements ImapCommand {
  }

  /** STATUS data items (RFC 3501, HIGHESTMODSEQ from RFC 7162). */
  enum StatusItem { MESSAGES, RECENT, UIDNEXT, UIDVALIDITY, UNSEEN, HIGHESTMODSEQ }

  /**
   * APPEND: the message is a held literal, or only a size when the session streamed its octets
   * ({@link ImapLineFramer#streamLiteral()}).
   */
  record Append(String mailbox, List<String> flags, Optional<OffsetDateTime> internalDate,
                ImapCommandLine.Literal message) implements ImapCommand {
  }

  /** SEARCH / UID SEARCH; the charset is upper-cased (only US-ASCII and UTF-8 are accepted). */
  record Search(boolean byUid, Optional<String> charset, SearchKey key) implements ImapCommand {
  }

  /** FETCH / UID FETCH with the CHANGEDSINCE modifier (RFC 7162); macros are expanded. */
  record Fetch(boolean byUid, SequenceSet messages, List<FetchItem> items, OptionalLong changedSince)
      implements ImapCommand {
  }

  /** STORE / UID STORE with the UNCHANGEDSINCE modifier (RFC 7162). */
  record Store(boolean byUid, SequenceSet messages, StoreMode mode, boolean silent, List<String> flags,
               OptionalLong unchangedSince) implements ImapCommand {
  }

  /** FLAGS, +FLAGS, -FLAGS. */
  enum StoreMode { REPLACE, ADD, REMOVE }

  /** COPY / MOVE (RFC 6851) and their UID forms. */
  record Copy(boolean byUid, boolean move, SequenceSet messages, String mailbox) implements ImapCommand {
  }

  /** UID EXPUNGE (RFC 4315); plain EXPUNGE is {@link Simple}. */
  record UidExpunge(SequenceSet uids) implements ImapCommand {
  }

  /** ENABLE (RFC 5161); capability names upper-cased. */
  record Enable(List<String> capabilities) implements ImapCommand {
  }

  /** ID (RFC 2971): the client's fields in order, NIL values dropped; empty for {@code ID NIL}. */
  record Id(Map<String, String> fields) implements ImapCommand {
  }

  /** GETQUOTA (RFC 9208). */
  record GetQuota(String root) implements ImapCommand {
  }

  /** GETQUOTAROOT (RFC 9208). */
  record GetQuotaRoot(String mailbox) implements ImapCommand {
  }
}
