package dev.tern.delivery.route.dns;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A bounded cache of DNS answers, each kept for its own TTL. Least recently used entries leave first when it is
 * full. Shared by every event loop that resolves, hence synchronized; the work under the lock is a map access.
 */
final class AnswerCache {

  private final int maxEntries;
  private final LongSupplier nanoClock;
  private final LinkedHashMap<Question, Entry> entries;

  AnswerCache(int maxEntries, LongSupplier nanoClock) {
    this.maxEntries = maxEntries;
    this.nanoClock = nanoClock;
    this.entries = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<Question, Entry> eldest) {
        return size() > AnswerCache.this.maxEntries;
      }
    };
  }

  /** The live answer for the question, or null when there is none or it expired. */
  synchronized DnsAnswer get(Question question) {
    Entry entry = entries.get(question);
    if (entry == null) {
      return null;
    }
    if (nanoClock.getAsLong() - entry.expiresAtNanos >= 0) {
      entries.remove(question);
      return null;
    }
    return entry.answer;
  }

  synchronized void put(Question question, DnsAnswer answer) {
    if (maxEntries == 0 || answer.ttlSeconds() <= 0) {
      return;
    }
    entries.put(question, new Entry(answer, nanoClock.getAsLong() + answer.ttlSeconds() * 1_000_000_000L));
  }

  synchronized int size() {
    return entries.size();
  }

  private record Entry(DnsAnswer answer, long expiresAtNanos) {}
}
