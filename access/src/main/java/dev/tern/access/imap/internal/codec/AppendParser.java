package dev.tern.access.imap.internal.codec;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/** APPEND mailbox [SP flag-list] [SP date-time] SP literal (RFC 3501 section 6.3.11; one message only). */
final class AppendParser {

  private AppendParser() {
  }

  static ImapCommand parse(ArgumentReader in) {
    in.sp();
    String mailbox = Arguments.mailbox(in);
    in.sp();
    List<String> flags = List.of();
    if (in.peek() == '(') {
      flags = Arguments.flagList(in);
      in.sp();
    }
    Optional<OffsetDateTime> date = Optional.empty();
    if (in.peek() == '"') {
      try {
        date = Optional.of(ImapDates.parseDateTime(in.quoted()));
      } catch (IllegalArgumentException e) {
        throw new BadSyntax(e.getMessage());
      }
      in.sp();
    }
    if (in.peek() != '{') {
      throw new BadSyntax("APPEND needs the message as a literal");
    }
    return new ImapCommand.Append(mailbox, flags, date, in.literal());
  }

  /**
   * After the mailbox of an APPEND still arriving: whether only the optional flags and date and then the
   * announcement of the current (not yet received) literal follow.
   */
  static boolean restIsMessage(ArgumentReader in) {
    in.sp();
    if (in.peek() == '(') {
      Arguments.flagList(in);
      in.sp();
    }
    if (in.peek() == '"') {
      in.quoted();
      in.sp();
    }
    in.expect('{');
    in.modSeq();
    in.skip('+');
    in.expect('}');
    return in.atEnd();
  }
}
