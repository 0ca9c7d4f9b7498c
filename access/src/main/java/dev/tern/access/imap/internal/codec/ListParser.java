package dev.tern.access.imap.internal.codec;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** LIST (RFC 3501 and the basics of LIST-EXTENDED, RFC 5258) and LSUB. */
final class ListParser {

  private static final Set<String> SELECTION = Set.of("SUBSCRIBED", "REMOTE", "RECURSIVEMATCH", "SPECIAL-USE");
  private static final Set<String> RETURNS = Set.of("SUBSCRIBED", "CHILDREN", "SPECIAL-USE");

  private ListParser() {
  }

  static ImapCommand list(ArgumentReader in) {
    in.sp();
    Set<String> selection = Set.of();
    if (in.peek() == '(') {
      selection = options(in, SELECTION, "unknown LIST selection option");
      in.sp();
    }
    String reference = Arguments.mailbox(in);
    in.sp();
    List<String> patterns = new ArrayList<>();
    if (in.peek() == '(') {
      in.open();
      patterns.add(pattern(in));
      while (!in.close()) {
        in.sp();
        patterns.add(pattern(in));
      }
    } else {
      patterns.add(pattern(in));
    }
    Set<String> returns = new LinkedHashSet<>();
    List<ImapCommand.StatusItem> status = List.of();
    if (!in.atEnd()) {
      in.sp();
      if (!in.skipWord("RETURN")) {
        throw new BadSyntax("expected RETURN");
      }
      in.sp();
      in.open();
      boolean first = true;
      while (!in.close()) {
        if (!first) {
          in.sp();
        }
        first = false;
        String option = in.atom().toUpperCase(Locale.ROOT);
        if (option.equals("STATUS")) {
          in.sp();
          status = MailboxCommandParser.statusItems(in);
        } else if (!RETURNS.contains(option)) {
          throw new BadSyntax("unknown LIST return option");
        }
        returns.add(option);
      }
    }
    return new ImapCommand.ListMailboxes(false, reference, patterns, selection, Set.copyOf(returns), status);
  }

  static ImapCommand lsub(ArgumentReader in) {
    in.sp();
    String reference = Arguments.mailbox(in);
    in.sp();
    return new ImapCommand.ListMailboxes(true, reference, List.of(pattern(in)), Set.of(), Set.of(), List.of());
  }

  /** list-mailbox: list-chars (wildcards allowed) or a string, decoded from modified UTF-7. */
  private static String pattern(ArgumentReader in) {
    int c = in.peek();
    String wire = c == '"' || c == '{' ? in.string() : in.listAtom();
    return Arguments.decodeMailbox(wire);
  }

  private static Set<String> options(ArgumentReader in, Set<String> known, String error) {
    Set<String> options = new LinkedHashSet<>();
    for (String option : MailboxCommandParser.upperAtoms(in)) {
      if (!known.contains(option)) {
        throw new BadSyntax(error);
      }
      options.add(option);
    }
    return Set.copyOf(options);
  }
}
