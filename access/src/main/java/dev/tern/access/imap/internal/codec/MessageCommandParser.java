package dev.tern.access.imap.internal.codec;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/** FETCH, STORE, COPY, MOVE and SEARCH, plain or after UID. */
final class MessageCommandParser {

  private MessageCommandParser() {
  }

  static ImapCommand parse(String verb, boolean byUid, ArgumentReader in) {
    in.sp();
    return switch (verb) {
      case "FETCH" -> fetch(byUid, in);
      case "STORE" -> store(byUid, in);
      case "COPY", "MOVE" -> {
        SequenceSet set = SequenceSetParser.read(in);
        in.sp();
        yield new ImapCommand.Copy(byUid, verb.equals("MOVE"), set, Arguments.mailbox(in));
      }
      case "SEARCH" -> search(byUid, in);
      default -> throw new IllegalArgumentException(verb);
    };
  }

  private static ImapCommand fetch(boolean byUid, ArgumentReader in) {
    SequenceSet set = SequenceSetParser.read(in);
    in.sp();
    List<FetchItem> items = new FetchItemParser(in).items();
    OptionalLong changedSince = OptionalLong.empty();
    if (!in.atEnd()) {
      in.sp();
      changedSince = OptionalLong.of(modifier(in, "CHANGEDSINCE"));
    }
    return new ImapCommand.Fetch(byUid, set, items, changedSince);
  }

  private static ImapCommand store(boolean byUid, ArgumentReader in) {
    SequenceSet set = SequenceSetParser.read(in);
    in.sp();
    OptionalLong unchangedSince = OptionalLong.empty();
    if (in.peek() == '(') {
      unchangedSince = OptionalLong.of(modifier(in, "UNCHANGEDSINCE"));
      in.sp();
    }
    ImapCommand.StoreMode mode = in.skip('+') ? ImapCommand.StoreMode.ADD
        : in.skip('-') ? ImapCommand.StoreMode.REMOVE : ImapCommand.StoreMode.REPLACE;
    String item = in.atom().toUpperCase(Locale.ROOT);
    boolean silent = item.equals("FLAGS.SILENT");
    if (!silent && !item.equals("FLAGS")) {
      throw new BadSyntax("STORE takes FLAGS, +FLAGS or -FLAGS");
    }
    in.sp();
    return new ImapCommand.Store(byUid, set, mode, silent, Arguments.flagsListOrBare(in), unchangedSince);
  }

  /** {@code (NAME n)}: the single CONDSTORE modifier FETCH and STORE take. */
  private static long modifier(ArgumentReader in, String name) {
    in.open();
    if (!in.skipWord(name)) {
      throw new BadSyntax("unknown modifier");
    }
    in.sp();
    long value = in.modSeq();
    if (!in.close()) {
      throw new BadSyntax("expected ')' after " + name);
    }
    return value;
  }

  private static ImapCommand search(boolean byUid, ArgumentReader in) {
    Optional<String> charset = Optional.empty();
    if (in.skipWord("CHARSET")) {
      in.sp();
      charset = Optional.of(in.astring().toUpperCase(Locale.ROOT));
      in.sp();
    }
    return new ImapCommand.Search(byUid, charset, new SearchKeyParser(in).keys());
  }
}
