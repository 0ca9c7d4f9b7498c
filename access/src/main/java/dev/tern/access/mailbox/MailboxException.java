package dev.tern.access.mailbox;

/** A refusal by the store, with a reason a protocol layer maps to its own response code. */
public class MailboxException extends RuntimeException {

  public enum Reason {
    /** The mailbox does not exist (IMAP [NONEXISTENT], [TRYCREATE] for APPEND/COPY). */
    NO_SUCH_MAILBOX,
    /** create or rename onto a name that exists ([ALREADYEXISTS]). */
    ALREADY_EXISTS,
    /** A mailbox name, account, flag or argument that the store will not accept. */
    BAD_INPUT,
    /** A valid request the store refuses, such as deleting INBOX ([CANNOT]). */
    NOT_ALLOWED,
    /** The account's storage quota would be exceeded ([OVERQUOTA]; SMTP 4.2.2 or 5.2.2 by policy). */
    OVER_QUOTA
  }

  private final Reason reason;

  public MailboxException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
