package dev.tern.access.imap.internal.codec;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reads SEARCH keys (RFC 3501 section 6.4.4, MODSEQ of RFC 7162) into a {@link SearchKey} tree. */
final class SearchKeyParser {

  private final ArgumentReader in;

  SearchKeyParser(ArgumentReader in) {
    this.in = in;
  }

  /** One or more keys separated by SP up to the end of the command; several become an {@link SearchKey.And}. */
  SearchKey keys() {
    List<SearchKey> keys = new ArrayList<>();
    keys.add(key());
    while (!in.atEnd()) {
      in.sp();
      keys.add(key());
    }
    return keys.size() == 1 ? keys.get(0) : new SearchKey.And(keys);
  }

  private SearchKey key() {
    int c = in.peek();
    if (c == '(') {
      return group();
    }
    if (c == '*' || (c >= '0' && c <= '9')) {
      return new SearchKey.Messages(false, SequenceSetParser.read(in));
    }
    String name = in.atom().toUpperCase(Locale.ROOT);
    return switch (name) {
      case "ALL" -> new SearchKey.All();
      case "ANSWERED" -> flag("\\Answered", true);
      case "DELETED" -> flag("\\Deleted", true);
      case "DRAFT" -> flag("\\Draft", true);
      case "FLAGGED" -> flag("\\Flagged", true);
      case "RECENT" -> flag("\\Recent", true);
      case "SEEN" -> flag("\\Seen", true);
      case "UNANSWERED" -> flag("\\Answered", false);
      case "UNDELETED" -> flag("\\Deleted", false);
      case "UNDRAFT" -> flag("\\Draft", false);
      case "UNFLAGGED" -> flag("\\Flagged", false);
      case "UNSEEN" -> flag("\\Seen", false);
      case "NEW" -> new SearchKey.And(List.of(flag("\\Recent", true), flag("\\Seen", false)));
      case "OLD" -> flag("\\Recent", false);
      case "KEYWORD" -> flag(argument(in::atom), true);
      case "UNKEYWORD" -> flag(argument(in::atom), false);
      case "BCC", "CC", "FROM", "SUBJECT", "TO" -> new SearchKey.Header(name, argument(in::astring));
      case "HEADER" -> header();
      case "BODY" -> new SearchKey.Contains(false, argument(in::astring));
      case "TEXT" -> new SearchKey.Contains(true, argument(in::astring));
      case "BEFORE" -> date(false, SearchKey.DateComparison.BEFORE);
      case "ON" -> date(false, SearchKey.DateComparison.ON);
      case "SINCE" -> date(false, SearchKey.DateComparison.SINCE);
      case "SENTBEFORE" -> date(true, SearchKey.DateComparison.BEFORE);
      case "SENTON" -> date(true, SearchKey.DateComparison.ON);
      case "SENTSINCE" -> date(true, SearchKey.DateComparison.SINCE);
      case "LARGER" -> new SearchKey.Size(true, argument(in::number));
      case "SMALLER" -> new SearchKey.Size(false, argument(in::number));
      case "UID" -> new SearchKey.Messages(true, argument(() -> SequenceSetParser.read(in)));
      case "MODSEQ" -> modSeq();
      case "NOT" -> nested(() -> new SearchKey.Not(argument(this::key)));
      case "OR" -> nested(() -> {
        SearchKey left = argument(this::key);
        return new SearchKey.Or(left, argument(this::key));
      });
      default -> throw new BadSyntax("unknown search key");
    };
  }

  private SearchKey group() {
    in.open();
    List<SearchKey> keys = new ArrayList<>();
    keys.add(key());
    while (!in.close()) {
      in.sp();
      keys.add(key());
    }
    return keys.size() == 1 ? keys.get(0) : new SearchKey.And(keys);
  }

  private SearchKey nested(java.util.function.Supplier<SearchKey> body) {
    in.enter();
    SearchKey key = body.get();
    in.leave();
    return key;
  }

  private SearchKey header() {
    String field = argument(in::astring);
    if (field.isEmpty()) {
      throw new BadSyntax("HEADER needs a field name");
    }
    return new SearchKey.Header(field.toUpperCase(Locale.ROOT), argument(in::astring));
  }

  private SearchKey date(boolean sent, SearchKey.DateComparison comparison) {
    String text = argument(in::dateText);
    LocalDate date;
    try {
      date = ImapDates.parseDate(text);
    } catch (IllegalArgumentException e) {
      throw new BadSyntax(e.getMessage());
    }
    return new SearchKey.Date(sent, comparison, date);
  }

  /** MODSEQ [entry-name entry-type-req] mod-sequence-valzer. */
  private SearchKey modSeq() {
    in.sp();
    if (in.peek() == '"') {
      in.quoted();
      in.sp();
      String type = in.atom().toLowerCase(Locale.ROOT);
      if (!type.equals("priv") && !type.equals("shared") && !type.equals("all")) {
        throw new BadSyntax("MODSEQ entry type must be priv, shared or all");
      }
      in.sp();
    }
    return new SearchKey.ModSeq(in.modSeq());
  }

  private static SearchKey flag(String flag, boolean present) {
    return new SearchKey.Flag(flag, present);
  }

  private <T> T argument(java.util.function.Supplier<T> reader) {
    in.sp();
    return reader.get();
  }
}
