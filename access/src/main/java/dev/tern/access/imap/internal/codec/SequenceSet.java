package dev.tern.access.imap.internal.codec;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A sequence set as sent by the client ({@code 1:*}, {@code *}, {@code 4,7:9}) for message sequence numbers
 * or UIDs. {@code *} stays symbolic until the caller resolves the set against the largest number in use, so
 * {@code 1:*} is never expanded into a list.
 */
public final class SequenceSet {

  /** Stands for {@code *}, "the largest number in use", inside a {@link Range}. */
  public static final long STAR = -1;

  /** One element as written: {@code first:last}, either end may be {@link #STAR}; a single number has first == last. */
  public record Range(long first, long last) {
    public Range {
      if ((first < 1 && first != STAR) || (last < 1 && last != STAR)) {
        throw new IllegalArgumentException("sequence numbers start at 1");
      }
    }

    /** This range with {@code *} replaced by {@code max}, low end first. */
    public Range resolve(long max) {
      long a = first == STAR ? max : first;
      long b = last == STAR ? max : last;
      return new Range(Math.max(1, Math.min(a, b)), Math.max(1, Math.max(a, b)));
    }

    private String wire() {
      String a = first == STAR ? "*" : Long.toString(first);
      return first == last ? a : a + ":" + (last == STAR ? "*" : Long.toString(last));
    }
  }

  private final List<Range> ranges;

  public SequenceSet(List<Range> ranges) {
    if (ranges.isEmpty()) {
      throw new IllegalArgumentException("a sequence set has at least one element");
    }
    this.ranges = List.copyOf(ranges);
  }

  /** The compact set of the given numbers (for APPENDUID/COPYUID answers); runs become ranges. */
  public static SequenceSet of(long... values) {
    long[] sorted = values.clone();
    java.util.Arrays.sort(sorted);
    List<Range> out = new ArrayList<>();
    int i = 0;
    while (i < sorted.length) {
      int j = i;
      while (j + 1 < sorted.length && sorted[j + 1] <= sorted[j] + 1) {
        j++;
      }
      out.add(new Range(sorted[i], sorted[j]));
      i = j + 1;
    }
    return new SequenceSet(out);
  }

  /** The elements as written, {@code *} unresolved. */
  public List<Range> elements() {
    return ranges;
  }

  /** Whether {@code *} appears anywhere (a UID set with {@code *} always matches the highest UID). */
  public boolean usesStar() {
    return ranges.stream().anyMatch(r -> r.first == STAR || r.last == STAR);
  }

  /** Whether {@code value} is in the set when {@code *} means {@code max}. */
  public boolean contains(long value, long max) {
    for (Range range : ranges) {
      Range resolved = range.resolve(max);
      if (value >= resolved.first && value <= resolved.last) {
        return true;
      }
    }
    return false;
  }

  /**
   * The set resolved against {@code max}: sorted, overlapping and adjacent ranges merged, every range
   * {@code first <= last}. Ranges may reach beyond {@code max}; callers clip to what exists.
   */
  public List<Range> resolve(long max) {
    List<Range> resolved = new ArrayList<>(ranges.size());
    for (Range range : ranges) {
      resolved.add(range.resolve(max));
    }
    resolved.sort(Comparator.comparingLong(Range::first));
    List<Range> merged = new ArrayList<>(resolved.size());
    Range current = resolved.get(0);
    for (int i = 1; i < resolved.size(); i++) {
      Range next = resolved.get(i);
      if (next.first <= current.last + 1) {
        current = new Range(current.first, Math.max(current.last, next.last));
      } else {
        merged.add(current);
        current = next;
      }
    }
    merged.add(current);
    return merged;
  }

  /** The wire form, e.g. {@code 4,7:9,12:*}. */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder();
    for (Range range : ranges) {
      if (!out.isEmpty()) {
        out.append(',');
      }
      out.append(range.wire());
    }
    return out.toString();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SequenceSet set && set.ranges.equals(ranges);
  }

  @Override
  public int hashCode() {
    return Objects.hash(ranges);
  }
}
