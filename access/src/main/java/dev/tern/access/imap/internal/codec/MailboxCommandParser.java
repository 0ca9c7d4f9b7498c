package dev.tern.access.imap.internal.codec;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Commands naming mailboxes: SELECT, EXAMINE, CREATE, DELETE, RENAME, (UN)SUBSCRIBE, LIST, LSUB, STATUS, quota. */
final class MailboxCommandParser {

  private MailboxCommandParser() {
  }

  static ImapCommand parse(String verb, ArgumentReader in) {
    return switch (verb) {
      case "SELECT", "EXAMINE" -> select(verb.equals("EXAMINE"), in);
      case "CREATE" -> create(in);
      case "DELETE" -> new ImapCommand.Delete(mailboxArgument(in));
      case "RENAME" -> {
        String from = mailboxArgument(in);
        yield new ImapCommand.Rename(from, mailboxArgument(in));
      }
      case "SUBSCRIBE" -> new ImapCommand.Subscribe(mailboxArgument(in), true);
      case "UNSUBSCRIBE" -> new ImapCommand.Subscribe(mailboxArgument(in), false);
      case "LIST" -> ListParser.list(in);
      case "LSUB" -> ListParser.lsub(in);
      case "STATUS" -> status(in);
      case "GETQUOTA" -> {
        in.sp();
        yield new ImapCommand.GetQuota(in.astring());
      }
      case "GETQUOTAROOT" -> new ImapCommand.GetQuotaRoot(mailboxArgument(in));
      default -> SessionCommandParser.parse(verb, in);
    };
  }

  private static String mailboxArgument(ArgumentReader in) {
    in.sp();
    return Arguments.mailbox(in);
  }

  private static ImapCommand select(boolean readOnly, ArgumentReader in) {
    String mailbox = mailboxArgument(in);
    boolean condStore = false;
    if (!in.atEnd()) {
      in.sp();
      in.open();
      do {
        if (!in.skipWord("CONDSTORE")) {
          throw new BadSyntax("unknown select parameter");
        }
        condStore = true;
      } while (!in.close() && spaceBefore(in));
    }
    return new ImapCommand.Select(mailbox, readOnly, condStore);
  }

  private static boolean spaceBefore(ArgumentReader in) {
    in.sp();
    return true;
  }

  private static ImapCommand create(ArgumentReader in) {
    String mailbox = mailboxArgument(in);
    List<String> specialUse = List.of();
    if (!in.atEnd()) {
      in.sp();
      in.open();
      if (!in.skipWord("USE")) {
        throw new BadSyntax("unknown create parameter");
      }
      in.sp();
      specialUse = Arguments.flagList(in);
      if (!in.close()) {
        throw new BadSyntax("expected ')' after USE");
      }
    }
    return new ImapCommand.Create(mailbox, specialUse);
  }

  private static ImapCommand status(ArgumentReader in) {
    String mailbox = mailboxArgument(in);
    in.sp();
    return new ImapCommand.Status(mailbox, statusItems(in));
  }

  /** {@code (item *(SP item))} of STATUS or of LIST's RETURN (STATUS (...)). */
  static List<ImapCommand.StatusItem> statusItems(ArgumentReader in) {
    in.open();
    Set<ImapCommand.StatusItem> items = new LinkedHashSet<>();
    items.add(statusItem(in));
    while (!in.close()) {
      in.sp();
      items.add(statusItem(in));
    }
    return List.copyOf(items);
  }

  private static ImapCommand.StatusItem statusItem(ArgumentReader in) {
    String name = in.atom().toUpperCase(Locale.ROOT);
    try {
      return ImapCommand.StatusItem.valueOf(name);
    } catch (IllegalArgumentException e) {
      throw new BadSyntax("unknown status item");
    }
  }

  static List<String> upperAtoms(ArgumentReader in) {
    List<String> atoms = new ArrayList<>();
    in.open();
    if (in.close()) {
      return atoms;
    }
    atoms.add(in.atom().toUpperCase(Locale.ROOT));
    while (!in.close()) {
      in.sp();
      atoms.add(in.atom().toUpperCase(Locale.ROOT));
    }
    return atoms;
  }
}
