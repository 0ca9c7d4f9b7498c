package dev.tern.load.imap;

import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * Which messages a fetch cycle downloads whole: {@code count} distinct sequence numbers out of 1..exists, drawn from
 * the run's seed and the operation's number, so that a run with the same seed fetches the same messages.
 */
final class BodyPicks {

  private BodyPicks() {}

  /** An IMAP sequence set ("3,7:9,12") of min(count, exists) distinct messages; "" when there are none. */
  static String sequenceSet(long seed, long operationIndex, long exists, int count) {
    if (exists <= 0 || count <= 0) {
      return "";
    }
    if (count >= exists) {
      return "1:" + exists;
    }
    SplittableRandom random = new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (operationIndex + 1)));
    // Floyd's sampling: count distinct numbers with exactly count draws.
    TreeSet<Long> picked = new TreeSet<>();
    for (long j = exists - count + 1; j <= exists; j++) {
      long candidate = 1 + random.nextLong(j);
      picked.add(picked.contains(candidate) ? j : candidate);
    }
    return ranges(picked);
  }

  private static String ranges(TreeSet<Long> numbers) {
    StringBuilder set = new StringBuilder();
    Long first = null;
    long last = 0;
    for (long n : numbers) {
      if (first != null && n == last + 1) {
        last = n;
        continue;
      }
      appendRange(set, first, last);
      first = n;
      last = n;
    }
    appendRange(set, first, last);
    return set.toString();
  }

  private static void appendRange(StringBuilder set, Long first, long last) {
    if (first == null) {
      return;
    }
    if (set.length() > 0) {
      set.append(',');
    }
    set.append(first);
    if (last != first) {
      set.append(':').append(last);
    }
  }
}
