package dev.tern.access.pop3.internal.codec;

import io.vertx.core.buffer.Buffer;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Parses one POP3 command line (without its CRLF). Strict: keywords are matched case-insensitively,
 * arguments are separated by single spaces (trailing spaces are tolerated, since some clients send
 * them), numbers are plain decimal without sign and in range, and extra arguments are refused.
 */
public final class Pop3CommandParser {

  /** RFC 2449 section 4: a command line is at most 255 octets including the CRLF. */
  public static final int MAX_COMMAND_LINE = 255;

  private static final int MAX_MECHANISM_NAME = 20;
  private static final int APOP_DIGEST_LENGTH = 32;

  private Pop3CommandParser() {
  }

  /** Parses a line as received, without its terminating CRLF, with the RFC 2449 length limit. */
  public static Pop3ParseResult parse(Buffer line) {
    return parse(line, MAX_COMMAND_LINE);
  }

  /** Parses a line as received, without its terminating CRLF; {@code maxLength} includes the CRLF. */
  public static Pop3ParseResult parse(Buffer line, int maxLength) {
    Pop3ParseResult.Rejected refused = LineText.check(line, maxLength);
    if (refused != null) {
      return refused;
    }
    String text = LineText.decode(line);
    if (text == null) {
      return Pop3ParseResult.rejected(Pop3SyntaxError.MALFORMED_TEXT, "line is not valid UTF-8");
    }
    return parse(text);
  }

  private static Pop3ParseResult parse(String text) {
    if (text.isBlank()) {
      return Pop3ParseResult.rejected(Pop3SyntaxError.EMPTY_LINE, "empty command");
    }
    int space = text.indexOf(' ');
    String keyword = space < 0 ? text : text.substring(0, space);
    Optional<Pop3Verb> verb = Pop3Verb.lookup(keyword);
    if (verb.isEmpty()) {
      return Pop3ParseResult.rejected(Pop3SyntaxError.UNKNOWN_COMMAND, "unknown command");
    }
    String rest = space < 0 ? "" : text.substring(space + 1);
    if (verb.get() == Pop3Verb.PASS) {
      // The password is everything after the one separating space, so spaces inside it survive.
      return rest.isEmpty()
          ? Pop3ParseResult.rejected(Pop3SyntaxError.MISSING_ARGUMENT, "PASS needs a password")
          : new Pop3ParseResult.Parsed(new Pop3Command.Pass(rest));
    }
    String[] args = splitArguments(rest);
    if (args == null) {
      return Pop3ParseResult.rejected(Pop3SyntaxError.BAD_ARGUMENT, "arguments are separated by one space");
    }
    return withArguments(verb.get(), args);
  }

  /** Splits on single spaces; null when two spaces meet (an empty argument). */
  private static String[] splitArguments(String rest) {
    String trimmed = rest.stripTrailing();
    if (trimmed.isEmpty()) {
      return new String[0];
    }
    String[] args = trimmed.split(" ", -1);
    for (String arg : args) {
      if (arg.isEmpty()) {
        return null;
      }
    }
    return args;
  }

  private static Pop3ParseResult withArguments(Pop3Verb verb, String[] args) {
    switch (verb) {
      case USER:
        return args.length == 1 ? parsed(new Pop3Command.User(args[0])) : arity(verb, args, 1);
      case APOP:
        return args.length == 2 ? apop(args) : arity(verb, args, 2);
      case RETR:
      case DELE:
        return args.length == 1 ? singleMessage(verb, args[0]) : arity(verb, args, 1);
      case TOP:
        return args.length == 2 ? top(args) : arity(verb, args, 2);
      case LIST:
      case UIDL:
        return args.length <= 1 ? optionalMessage(verb, args) : tooMany(verb);
      case AUTH:
        return auth(args);
      default:
        return args.length == 0 ? parsed(new Pop3Command.Bare(verb)) : tooMany(verb);
    }
  }

  private static Pop3ParseResult apop(String[] args) {
    String digest = args[1].toLowerCase(Locale.ROOT);
    if (digest.length() != APOP_DIGEST_LENGTH || !isHex(digest)) {
      return Pop3ParseResult.rejected(Pop3SyntaxError.BAD_ARGUMENT, "APOP digest must be 32 hex digits");
    }
    return parsed(new Pop3Command.Apop(args[0], digest));
  }

  private static Pop3ParseResult singleMessage(Pop3Verb verb, String arg) {
    long message = MessageNumbers.parse(arg, 1);
    if (message < 0) {
      return badNumber();
    }
    int n = (int) message;
    return parsed(verb == Pop3Verb.RETR ? new Pop3Command.Retr(n) : new Pop3Command.Dele(n));
  }

  private static Pop3ParseResult top(String[] args) {
    long message = MessageNumbers.parse(args[0], 1);
    long lines = MessageNumbers.parse(args[1], 0);
    if (message < 0 || lines < 0) {
      return badNumber();
    }
    return parsed(new Pop3Command.Top((int) message, (int) lines));
  }

  private static Pop3ParseResult optionalMessage(Pop3Verb verb, String[] args) {
    OptionalInt message = OptionalInt.empty();
    if (args.length == 1) {
      long n = MessageNumbers.parse(args[0], 1);
      if (n < 0) {
        return badNumber();
      }
      message = OptionalInt.of((int) n);
    }
    return parsed(verb == Pop3Verb.LIST ? new Pop3Command.Listing(message) : new Pop3Command.Uidl(message));
  }

  private static Pop3ParseResult auth(String[] args) {
    if (args.length == 0) {
      // Not in RFC 5034, but clients (Outlook among them) send it to learn the mechanisms.
      return parsed(new Pop3Command.Bare(Pop3Verb.AUTH));
    }
    if (args.length > 2) {
      return tooMany(Pop3Verb.AUTH);
    }
    String mechanism = args[0].toUpperCase(Locale.ROOT);
    if (!isMechanismName(mechanism)) {
      return Pop3ParseResult.rejected(Pop3SyntaxError.BAD_ARGUMENT, "malformed SASL mechanism name");
    }
    if (args.length == 2 && !Base64Syntax.isBase64OrEmpty(args[1])) {
      return Pop3ParseResult.rejected(Pop3SyntaxError.BAD_ARGUMENT, "initial response is not base64");
    }
    return parsed(new Pop3Command.Auth(mechanism, args.length == 2 ? Optional.of(args[1]) : Optional.empty()));
  }

  /** RFC 4422 section 3.1: up to 20 of A-Z, 0-9, '-' and '_'. */
  private static boolean isMechanismName(String name) {
    if (name.length() > MAX_MECHANISM_NAME) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) {
        return false;
      }
    }
    return true;
  }

  private static boolean isHex(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }

  private static Pop3ParseResult arity(Pop3Verb verb, String[] args, int expected) {
    return args.length < expected
        ? Pop3ParseResult.rejected(Pop3SyntaxError.MISSING_ARGUMENT, verb + " needs " + expected
            + (expected == 1 ? " argument" : " arguments"))
        : tooMany(verb);
  }

  private static Pop3ParseResult tooMany(Pop3Verb verb) {
    return Pop3ParseResult.rejected(Pop3SyntaxError.TOO_MANY_ARGUMENTS, "too many arguments for " + verb);
  }

  private static Pop3ParseResult badNumber() {
    return Pop3ParseResult.rejected(Pop3SyntaxError.BAD_NUMBER, "invalid number");
  }

  private static Pop3ParseResult parsed(Pop3Command command) {
    return new Pop3ParseResult.Parsed(command);
  }
}
