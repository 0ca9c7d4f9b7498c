package dev.tern.load.mailbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Why operations were refused or failed, for the report: the first {@link #MAX_DISTINCT} distinct notes
 * ("PASS: -ERR [AUTH] invalid login", "RETR: 1203 octets where LIST said 1201") with how often each came. Sessions
 * add from their own event loops, so access is synchronized; notes are rare (refusals and failures only).
 */
public final class NoteSample {

  public static final int MAX_DISTINCT = 10;

  private final Map<String, Long> counts = new LinkedHashMap<>();
  private long dropped;

  public synchronized void add(String note) {
    if (counts.containsKey(note) || counts.size() < MAX_DISTINCT) {
      counts.merge(note, 1L, Long::sum);
    } else {
      dropped++;
    }
  }

  /** "note (n times)" lines, first seen first, and a last line for what did not fit. */
  public synchronized List<String> lines() {
    List<String> lines = new ArrayList<>();
    counts.forEach((note, n) -> lines.add(n == 1 ? note : note + " (" + n + " times)"));
    if (dropped > 0) {
      lines.add(dropped + " more, of other kinds");
    }
    return lines;
  }
}
