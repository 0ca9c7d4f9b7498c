package dev.tern.access.imap.internal.codec;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Parses one command line from {@link ImapLineFramer} into an {@link ImapCommand}. Stateless and thread-safe;
 * syntax errors come back as {@link ImapParseResult.Rejected}, never as exceptions. Which commands are allowed
 * in which session state is the session's business, not the parser's.
 */
public final class ImapParser {

  public ImapParser() {
  }

  /** Parses a complete command. */
  public ImapParseResult parse(ImapCommandLine line) {
    ArgumentReader in = new ArgumentReader(line);
    String tag;
    try {
      tag = tag(in);
    } catch (BadSyntax e) {
      return new ImapParseResult.Rejected(null, e.getMessage());
    }
    try {
      in.sp();
      ImapCommand command = command(in);
      in.end();
      return new ImapParseResult.Parsed(tag, command);
    } catch (BadSyntax e) {
      return new ImapParseResult.Rejected(tag, e.getMessage());
    }
  }

  /**
   * The tag of a command, complete or still arriving (e.g. {@link ImapLineFramer.LiteralAnnounced#soFar()}),
   * or null if it has none.
   */
  public static String tagOf(ImapCommandLine line) {
    try {
      return tag(new ArgumentReader(line));
    } catch (BadSyntax e) {
      return null;
    }
  }

  /**
   * Whether a command still arriving is an APPEND whose announced literal is the message, so the session
   * should {@link ImapLineFramer#streamLiteral() stream} it rather than hold it.
   */
  public static boolean isAppendMessage(ImapCommandLine soFar) {
    if (soFar.literals().size() > 1) {
      return false;
    }
    ArgumentReader in = new ArgumentReader(soFar);
    try {
      tag(in);
      in.sp();
      if (!in.skipWord("APPEND")) {
        return false;
      }
      in.sp();
      in.astring();
      return AppendParser.restIsMessage(in);
    } catch (BadSyntax e) {
      return false;
    }
  }

  /** Whether a line is the DONE that ends IDLE (RFC 2177). */
  public static boolean isIdleDone(ImapCommandLine line) {
    return line.literals().isEmpty()
        && line.segments().get(0).toString(StandardCharsets.US_ASCII).equalsIgnoreCase("DONE");
  }

  private static String tag(ArgumentReader in) {
    String tag = in.run(c -> ImapSyntax.isAstringChar(c) && c != '+', "missing or bad tag");
    if (in.peek() != ' ') {
      throw new BadSyntax(in.atEnd() ? "missing command" : "missing or bad tag");
    }
    return tag;
  }

  private static ImapCommand command(ArgumentReader in) {
    String verb = in.atom().toUpperCase(Locale.ROOT);
    return switch (verb) {
      case "CAPABILITY", "NOOP", "LOGOUT", "STARTTLS", "CHECK", "CLOSE", "UNSELECT", "EXPUNGE", "IDLE",
          "NAMESPACE" -> new ImapCommand.Simple(ImapCommand.Verb.valueOf(verb));
      case "UID" -> uidCommand(in);
      case "FETCH", "STORE", "COPY", "MOVE", "SEARCH" -> MessageCommandParser.parse(verb, false, in);
      case "APPEND" -> AppendParser.parse(in);
      default -> MailboxCommandParser.parse(verb, in);
    };
  }

  private static ImapCommand uidCommand(ArgumentReader in) {
    in.sp();
    String verb = in.atom().toUpperCase(Locale.ROOT);
    if (verb.equals("EXPUNGE")) {
      in.sp();
      return new ImapCommand.UidExpunge(SequenceSetParser.read(in));
    }
    return switch (verb) {
      case "FETCH", "STORE", "COPY", "MOVE", "SEARCH" -> MessageCommandParser.parse(verb, true, in);
      default -> throw new BadSyntax("unknown UID command");
    };
  }
}
