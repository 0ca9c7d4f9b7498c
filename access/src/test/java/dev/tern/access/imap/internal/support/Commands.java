package dev.tern.access.imap.internal.support;

import dev.tern.access.imap.internal.codec.FetchItem;
import dev.tern.access.imap.internal.codec.ImapCommand;
import dev.tern.access.imap.internal.codec.ImapCommandLine;
import dev.tern.access.imap.internal.codec.ImapParseResult;
import dev.tern.access.imap.internal.codec.ImapParser;
import dev.tern.access.imap.internal.codec.SearchKey;

import java.util.List;

/** FETCH items and SEARCH keys written as a client would, parsed by the real IMAP parser. */
public final class Commands {

  private Commands() {
  }

  /** The items of {@code a1 FETCH 1 <items>}, e.g. {@code items("(FLAGS BODY.PEEK[1]<0.10>)")}. */
  public static List<FetchItem> items(String items) {
    return ((ImapCommand.Fetch) parse("a1 FETCH 1 " + items)).items();
  }

  /** The key of {@code a1 SEARCH <keys>}. */
  public static SearchKey key(String keys) {
    return ((ImapCommand.Search) parse("a1 SEARCH " + keys)).key();
  }

  private static ImapCommand parse(String line) {
    ImapParseResult result = new ImapParser().parse(ImapCommandLine.of(line));
    if (result instanceof ImapParseResult.Parsed parsed) {
      return parsed.command();
    }
    throw new IllegalArgumentException(line + " -> " + result);
  }
}
