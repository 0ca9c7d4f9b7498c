package dev.tern.access.imap.internal.codec;

import java.util.ArrayList;
import java.util.List;

/** Reads the sequence-set grammar of RFC 3501 section 9: seq-number / seq-range, comma separated. */
final class SequenceSetParser {

  private SequenceSetParser() {
  }

  static SequenceSet read(ArgumentReader in) {
    List<SequenceSet.Range> ranges = new ArrayList<>();
    do {
      long first = seqNumber(in);
      long last = in.skip(':') ? seqNumber(in) : first;
      ranges.add(new SequenceSet.Range(first, last));
    } while (in.skip(','));
    return new SequenceSet(ranges);
  }

  /** Parses a whole sequence set given as text, e.g. for tests or configuration. */
  static SequenceSet parse(String text) {
    ArgumentReader in = new ArgumentReader(ImapCommandLine.of(text));
    SequenceSet set = read(in);
    in.end();
    return set;
  }

  private static long seqNumber(ArgumentReader in) {
    if (in.skip('*')) {
      return SequenceSet.STAR;
    }
    if (in.peek() < '0' || in.peek() > '9') {
      throw new BadSyntax("bad sequence set");
    }
    long value = in.number();
    if (value == 0) {
      throw new BadSyntax("bad sequence set: numbers start at 1");
    }
    return value;
  }
}
