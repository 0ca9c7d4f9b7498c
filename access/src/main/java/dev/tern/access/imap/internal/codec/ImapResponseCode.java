package dev.tern.access.imap.internal.codec;

import io.vertx.core.buffer.Buffer;
import java.util.Collection;
import java.util.List;

/**
 * A response code, the bracketed part after OK/NO/BAD/PREAUTH/BYE (RFC 3501 section 7.1, RFC 4315 UIDPLUS,
 * RFC 5530, RFC 6154, RFC 7162, RFC 9208). Built only through the factories, so its text is always well formed.
 */
public final class ImapResponseCode {

  private final String text;

  private ImapResponseCode(String text) {
    this.text = text;
  }

  /** The code without brackets, e.g. {@code UIDVALIDITY 3857529045}. */
  public String text() {
    return text;
  }

  @Override
  public String toString() {
    return "[" + text + "]";
  }

  private static ImapResponseCode atom(String name) {
    return new ImapResponseCode(name);
  }

  public static ImapResponseCode uidValidity(long value) {
    return new ImapResponseCode("UIDVALIDITY " + value);
  }

  public static ImapResponseCode uidNext(long value) {
    return new ImapResponseCode("UIDNEXT " + value);
  }

  public static ImapResponseCode unseen(long sequenceNumber) {
    return new ImapResponseCode("UNSEEN " + sequenceNumber);
  }

  public static ImapResponseCode highestModSeq(long value) {
    return new ImapResponseCode("HIGHESTMODSEQ " + value);
  }

  /** PERMANENTFLAGS; "\*" means the client may create keywords. */
  public static ImapResponseCode permanentFlags(Collection<String> flags) {
    return new ImapResponseCode("PERMANENTFLAGS " + ImapStrings.flagList(Buffer.buffer(), flags));
  }

  /** CAPABILITY list (in the greeting or after login). */
  public static ImapResponseCode capability(List<String> capabilities) {
    return new ImapResponseCode("CAPABILITY " + String.join(" ", capabilities));
  }

  public static ImapResponseCode appendUid(long uidValidity, long uid) {
    return new ImapResponseCode("APPENDUID " + uidValidity + " " + uid);
  }

  public static ImapResponseCode copyUid(long uidValidity, SequenceSet sourceUids, SequenceSet destinationUids) {
    return new ImapResponseCode("COPYUID " + uidValidity + " " + sourceUids + " " + destinationUids);
  }

  /** MODIFIED: the messages a conditional STORE left alone (RFC 7162). */
  public static ImapResponseCode modified(SequenceSet messages) {
    return new ImapResponseCode("MODIFIED " + messages);
  }

  /** BADCHARSET with the charsets SEARCH supports. */
  public static ImapResponseCode badCharset(List<String> supported) {
    return new ImapResponseCode("BADCHARSET (" + String.join(" ", supported) + ")");
  }

  public static final ImapResponseCode READ_ONLY = atom("READ-ONLY");
  public static final ImapResponseCode READ_WRITE = atom("READ-WRITE");
  public static final ImapResponseCode ALERT = atom("ALERT");
  public static final ImapResponseCode PARSE = atom("PARSE");
  public static final ImapResponseCode TRYCREATE = atom("TRYCREATE");
  public static final ImapResponseCode CLOSED = atom("CLOSED");
  public static final ImapResponseCode NOMODSEQ = atom("NOMODSEQ");
  public static final ImapResponseCode UIDNOTSTICKY = atom("UIDNOTSTICKY");
  public static final ImapResponseCode TOOBIG = atom("TOOBIG");
  public static final ImapResponseCode PRIVACYREQUIRED = atom("PRIVACYREQUIRED");
  public static final ImapResponseCode AUTHENTICATIONFAILED = atom("AUTHENTICATIONFAILED");
  public static final ImapResponseCode AUTHORIZATIONFAILED = atom("AUTHORIZATIONFAILED");
  public static final ImapResponseCode NONEXISTENT = atom("NONEXISTENT");
  public static final ImapResponseCode ALREADYEXISTS = atom("ALREADYEXISTS");
  public static final ImapResponseCode CANNOT = atom("CANNOT");
  public static final ImapResponseCode LIMIT = atom("LIMIT");
  public static final ImapResponseCode INUSE = atom("INUSE");
  public static final ImapResponseCode OVERQUOTA = atom("OVERQUOTA");
  public static final ImapResponseCode CLIENTBUG = atom("CLIENTBUG");
  public static final ImapResponseCode UNAVAILABLE = atom("UNAVAILABLE");
  public static final ImapResponseCode SERVERBUG = atom("SERVERBUG");
  public static final ImapResponseCode NOPERM = atom("NOPERM");
  public static final ImapResponseCode EXPUNGEISSUED = atom("EXPUNGEISSUED");
  /** RFC 6154: a special-use attribute CREATE cannot apply. */
  public static final ImapResponseCode USEATTR = atom("USEATTR");
}
