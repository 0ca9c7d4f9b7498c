package dev.tern.access.imap.internal.search;

import dev.tern.access.imap.internal.codec.SearchKey;
import dev.tern.access.imap.internal.codec.SequenceSet;
import dev.tern.access.imap.internal.message.MessageView;
import dev.tern.access.mailbox.MessageSummary;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A {@link SearchKey} compiled for one mailbox view: sequence sets resolved against the highest number, search
 * strings folded once, so testing a message is cheap. A test answers from the message's summary and from the
 * {@link MessageFacts} known so far, UNKNOWN where those do not suffice.
 */
sealed interface Criterion {

  Truth test(MessageView message, MessageFacts facts);

  /** Compiles {@code key} for a view whose highest sequence number and UID are given. */
  static Criterion compile(SearchKey key, long maxSequence, long maxUid) {
    if (key instanceof SearchKey.All) {
      return new Constant(Truth.YES);
    }
    if (key instanceof SearchKey.Flag flag) {
      return new HasFlag(flag.flag(), flag.present());
    }
    if (key instanceof SearchKey.Header header) {
      return new HeaderContains(header.field().toLowerCase(Locale.ROOT), TextFolding.fold(header.text()));
    }
    if (key instanceof SearchKey.Contains contains) {
      return new TextContains(contains.wholeText(), TextFolding.fold(contains.text()));
    }
    if (key instanceof SearchKey.Date date) {
      return new OnDate(date.sent(), date.comparison(), date.date());
    }
    if (key instanceof SearchKey.Size size) {
      return new SizeIs(size.larger(), size.octets());
    }
    if (key instanceof SearchKey.Messages messages) {
      return InSet.of(messages.byUid(), messages.set(), messages.byUid() ? maxUid : maxSequence);
    }
    if (key instanceof SearchKey.ModSeq modSeq) {
      return new ModSeqAtLeast(modSeq.modSeq());
    }
    if (key instanceof SearchKey.Not not) {
      return new Not(compile(not.key(), maxSequence, maxUid));
    }
    if (key instanceof SearchKey.Or or) {
      return new Or(compile(or.left(), maxSequence, maxUid), compile(or.right(), maxSequence, maxUid));
    }
    SearchKey.And and = (SearchKey.And) key;
    List<Criterion> all = new ArrayList<>();
    for (SearchKey part : and.keys()) {
      all.add(compile(part, maxSequence, maxUid));
    }
    return new And(List.copyOf(all));
  }

  /** The folded strings BODY and TEXT keys look for in message bodies (the content scan's needles). */
  static void bodyNeedles(Criterion criterion, Set<String> into) {
    if (criterion instanceof TextContains contains) {
      into.add(contains.foldedText());
    } else if (criterion instanceof Not not) {
      bodyNeedles(not.criterion(), into);
    } else if (criterion instanceof Or or) {
      bodyNeedles(or.left(), into);
      bodyNeedles(or.right(), into);
    } else if (criterion instanceof And and) {
      and.criteria().forEach(part -> bodyNeedles(part, into));
    }
  }

  /**
   * The lower-case names of the top-level header fields the criterion reads, or null when it may read any
   * (TEXT searches the whole header).
   */
  static Set<String> headerFields(Criterion criterion) {
    Set<String> names = new java.util.HashSet<>();
    return collectHeaderFields(criterion, names) ? names : null;
  }

  private static boolean collectHeaderFields(Criterion criterion, Set<String> into) {
    if (criterion instanceof HeaderContains header) {
      into.add(header.lowerCaseField());
    } else if (criterion instanceof OnDate date && date.sent()) {
      into.add("date");
    } else if (criterion instanceof TextContains contains && contains.wholeText()) {
      return false;
    } else if (criterion instanceof Not not) {
      return collectHeaderFields(not.criterion(), into);
    } else if (criterion instanceof Or or) {
      return collectHeaderFields(or.left(), into) && collectHeaderFields(or.right(), into);
    } else if (criterion instanceof And and) {
      for (Criterion part : and.criteria()) {
        if (!collectHeaderFields(part, into)) {
          return false;
        }
      }
    }
    return true;
  }

  record Constant(Truth value) implements Criterion {
    @Override
    public Truth test(MessageView message, MessageFacts facts) {
      return value;
    }
  }

  /** \Recent comes from the session's view; other flags and keywords match case-insensitively. */
  record HasFlag(String flag, boolean present) implements Criterion {
    @Override
    public Truth test(MessageView message, MessageFacts facts) {
      MessageSummary summary = message.summary();
      boolean set;
      if (flag.equalsIgnoreCase("\\Recent")) {
        set = summary.recent();
      } else {
        set = summary.flags().contains(flag) || summary.flags().stream().anyMatch(f -> f.equalsIgnoreCase(flag));
      }
      return Truth.of(set == present);
    }
  }

  record HeaderContains(String lowerCaseField, String foldedText) implements Criterion {
    @Override
    public Truth test(MessageView message, MessageFacts facts) {
      return facts.header(lowerCaseField, foldedText);
    }
  }

  record TextContains(boolean wholeText, String foldedText) implements Criterion {
    @Override
    public Truth test(MessageView message, MessageFacts facts) {
      return facts.contains(wholeText, foldedText);
    }
  }

  /** Dates compare without time: the internal date's day in UTC, or the Date: header's day as written. */
  record OnDate(boolean sent, SearchKey.DateComparison comparison, LocalDate date) implements Criterion {
    @Override
    public Truth test(MessageView message, MessageFacts facts) {
      LocalDate internal = message.summary().internalDate().atOffset(ZoneOffset.UTC).toLocalDate();
      LocalDate day = sent ? facts.sentDate(internal) : internal;
      if (day == null) {
        return Truth.UNKNOWN;
      }
      return Truth.of(switch (comparison) {
        case BEFORE -> day.isBefore(date);
        case ON -> day.isEqual(date);
        case SINCE -> !day.isBefore(date);
      });
    }
  }

  record SizeIs(boolean larger, long octets) implements Criterion {
    @Override
    public Truth test(MessageView message, MessageFacts facts) {
      long size = message.summary().size();
      return Truth.of(larger ? size > octets : size < octets);
    }
  }

  /** A sequence or UID set, resolved to sorted disjoint ranges for a binary search. */
  record InSet(boolean byUid, long[] firsts, long[] lasts) implements Criterion {

    static InSet of(boolean byUid, SequenceSet set, long max) {
      List<SequenceSet.Range> ranges = set.resolve(Math.max(1, max));
      long[] firsts = new long[ranges.size()];
      long[] lasts = new long[ranges.size()];
      for (int i = 0; i < ranges.size(); i++) {
        firsts[i] = ranges.get(i).first();
        lasts[i] = ranges.get(i).last();
      }
      return new InSet(byUid, firsts, lasts);
    }

    @Override
    public Truth test(MessageView message, MessageFacts facts) {
      long value = byUid ? message.uid() : message.sequence();
      int low = 0;
      int high = firsts.length - 1;
      while (low <= high) {
        int middle = (low + high) >>> 1;
        if (value < firsts[middle]) {
          high = middle - 1;
        } else if (value > lasts[middle]) {
          low = middle + 1;
        } else {
          return Truth.YES;
        }
      }
      return Truth.NO;
    }
  }

  record ModSeqAtLeast(long modSeq) implements Criterion {
    @Override
    public Truth test(MessageView message, MessageFacts facts) {
      return Truth.of(message.summary().modSeq() >= modSeq);
    }
  }

  record Not(Criterion criterion) implements Criterion {
    @Override
    public Truth test(MessageView message, MessageFacts facts) {
      return criterion.test(message, facts).not();
    }
  }

  record Or(Criterion left, Criterion right) implements Criterion {
    @Override
    public Truth test(MessageView message, MessageFacts facts) {
      Truth first = left.test(message, facts);
      if (first == Truth.YES) {
        return Truth.YES;
      }
      Truth second = right.test(message, facts);
      if (second == Truth.YES) {
        return Truth.YES;
      }
      return first == Truth.NO && second == Truth.NO ? Truth.NO : Truth.UNKNOWN;
    }
  }

  /** Cheap criteria decide first: a NO from the summary spares the content keys. */
  record And(List<Criterion> criteria) implements Criterion {
    @Override
    public Truth test(MessageView message, MessageFacts facts) {
      Truth result = Truth.YES;
      for (Criterion criterion : criteria) {
        Truth truth = criterion.test(message, facts);
        if (truth == Truth.NO) {
          return Truth.NO;
        }
        if (truth == Truth.UNKNOWN) {
          result = Truth.UNKNOWN;
        }
      }
      return result;
    }
  }
}
