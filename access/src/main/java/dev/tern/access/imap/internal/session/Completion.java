package dev.tern.access.imap.internal.session;

import dev.tern.access.imap.internal.codec.ImapResponseBuilder.Status;
import dev.tern.access.imap.internal.codec.ImapResponseCode;
import dev.tern.access.mailbox.MailboxException;
import dev.tern.access.mailbox.QuotaExceededException;

/**
 * How a command ended: the status, optional response code and text of its tagged response. The session
 * writes it, after any untagged mailbox updates the command may carry.
 */
public record Completion(Status status, ImapResponseCode code, String text) {

  /** The handler wrote its tagged response itself (STARTTLS: it must precede the handshake). */
  public static final Completion ALREADY_SENT = new Completion(null, null, null);

  /**
   * The answer to a failed store call: refusals map to their RFC 5530 codes, anything else is the server's
   * trouble and worded so (the cause goes to the log, not to the client).
   */
  public static Completion failure(Throwable cause) {
    if (cause instanceof QuotaExceededException) {
      return no(ImapResponseCode.OVERQUOTA, "quota exceeded");
    }
    if (cause instanceof MailboxException refusal) {
      return switch (refusal.reason()) {
        case NO_SUCH_MAILBOX -> no(ImapResponseCode.NONEXISTENT, "no such mailbox");
        case ALREADY_EXISTS -> no(ImapResponseCode.ALREADYEXISTS, "mailbox already exists");
        case BAD_INPUT -> no(ImapResponseCode.CANNOT, safe(refusal.getMessage()));
        case NOT_ALLOWED -> no(ImapResponseCode.CANNOT, safe(refusal.getMessage()));
        case OVER_QUOTA -> no(ImapResponseCode.OVERQUOTA, "quota exceeded");
      };
    }
    return no(ImapResponseCode.SERVERBUG, "internal error, try again later");
  }

  /** Store messages name the offending input; keep them to one printable line. */
  private static String safe(String message) {
    if (message == null || message.isBlank()) {
      return "not possible";
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < message.length() && out.length() < 200; i++) {
      char c = message.charAt(i);
      out.append(c < 0x20 || c == 0x7f ? '?' : c);
    }
    return out.toString();
  }

  public static Completion ok(String text) {
    return new Completion(Status.OK, null, text);
  }

  public static Completion ok(ImapResponseCode code, String text) {
    return new Completion(Status.OK, code, text);
  }

  public static Completion no(String text) {
    return new Completion(Status.NO, null, text);
  }

  public static Completion no(ImapResponseCode code, String text) {
    return new Completion(Status.NO, code, text);
  }

  public static Completion bad(String text) {
    return new Completion(Status.BAD, null, text);
  }

  public static Completion bad(ImapResponseCode code, String text) {
    return new Completion(Status.BAD, code, text);
  }
}
