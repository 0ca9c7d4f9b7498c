package dev.tern.access.imap.internal.codec;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** LOGIN, AUTHENTICATE, ENABLE and ID: commands about the session rather than mailboxes. */
final class SessionCommandParser {

  private static final int MAX_ID_FIELDS = 30;

  private SessionCommandParser() {
  }

  static ImapCommand parse(String verb, ArgumentReader in) {
    return switch (verb) {
      case "LOGIN" -> {
        in.sp();
        String user = in.astring();
        in.sp();
        yield new ImapCommand.Login(user, in.astring());
      }
      case "AUTHENTICATE" -> authenticate(in);
      case "ENABLE" -> enable(in);
      case "ID" -> id(in);
      default -> throw new BadSyntax("unknown command");
    };
  }

  private static ImapCommand authenticate(ArgumentReader in) {
    in.sp();
    String mechanism = in.atom().toUpperCase(Locale.ROOT);
    Optional<String> initial = Optional.empty();
    if (!in.atEnd()) {
      in.sp();
      String response = in.run(c -> Character.isLetterOrDigit(c) && c < 0x80 || c == '+' || c == '/' || c == '=',
          "bad initial response");
      initial = Optional.of(response);
    }
    return new ImapCommand.Authenticate(mechanism, initial);
  }

  private static ImapCommand enable(ArgumentReader in) {
    java.util.List<String> capabilities = new java.util.ArrayList<>();
    do {
      in.sp();
      capabilities.add(in.atom().toUpperCase(Locale.ROOT));
    } while (!in.atEnd());
    return new ImapCommand.Enable(capabilities);
  }

  private static ImapCommand id(ArgumentReader in) {
    in.sp();
    Map<String, String> fields = new LinkedHashMap<>();
    if (in.skipWord("NIL")) {
      return new ImapCommand.Id(fields);
    }
    in.open();
    int count = 0;
    while (!in.close()) {
      if (count > 0) {
        in.sp();
      }
      if (++count > MAX_ID_FIELDS) {
        throw new BadSyntax("too many ID fields");
      }
      String name = in.string();
      in.sp();
      String value = in.nstring();
      if (value != null) {
        fields.put(name, value);
      }
    }
    return new ImapCommand.Id(java.util.Collections.unmodifiableMap(fields));
  }
}
