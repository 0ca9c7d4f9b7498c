package dev.tern.load.smtp;

import dev.tern.load.engine.Units;

import java.util.ArrayList;
import java.util.List;

/**
 * Message sizes: one size ("4096", "4k", "1m") or a weighted list ("4k:70,64k:25,1m:5"). The size of message i is
 * picked from (seed, i) alone, so a run is reproducible and any thread can pick without sharing state.
 */
public final class SizeDistribution {

  /** Smaller than this, a message cannot carry realistic headers and a MIME body. */
  public static final int MIN_SIZE = 512;
  /** Templates are held in memory, a few per size. */
  public static final int MAX_SIZE = 64 << 20;
  private static final int MAX_ENTRIES = 32;

  private final List<Entry> entries;
  private final long totalWeight;
  private final String text;

  /** One size and its weight. */
  public record Entry(int size, int weight) {}

  private SizeDistribution(List<Entry> entries, String text) {
    this.entries = List.copyOf(entries);
    this.totalWeight = entries.stream().mapToLong(Entry::weight).sum();
    this.text = text;
  }

  public static SizeDistribution parse(String text) {
    String value = text.trim();
    if (value.isEmpty()) {
      throw new IllegalArgumentException("no size given (examples: 4096, 4k, 1m, 4k:70,64k:25,1m:5)");
    }
    String[] items = value.split(",", -1);
    if (items.length > MAX_ENTRIES) {
      throw new IllegalArgumentException("at most " + MAX_ENTRIES + " sizes in a list");
    }
    List<Entry> entries = new ArrayList<>();
    for (String item : items) {
      String part = item.trim();
      if (part.isEmpty()) {
        throw new IllegalArgumentException("'" + value + "' has an empty entry between commas");
      }
      int colon = part.indexOf(':');
      if (colon < 0 && items.length > 1) {
        throw new IllegalArgumentException("'" + part + "' has no weight: write each size in a list as size:weight,"
            + " e.g. 4k:70,64k:25,1m:5");
      }
      int size = size(colon < 0 ? part : part.substring(0, colon));
      int weight = colon < 0 ? 1 : weight(part, part.substring(colon + 1));
      entries.add(new Entry(size, weight));
    }
    return new SizeDistribution(entries, value);
  }

  private static int size(String text) {
    long size = Units.parseSize(text);
    if (size < MIN_SIZE || size > MAX_SIZE) {
      throw new IllegalArgumentException("message size '" + text + "' is out of range: " + MIN_SIZE
          + " bytes to " + (MAX_SIZE >> 20) + "m");
    }
    return (int) size;
  }

  private static int weight(String item, String text) {
    try {
      int weight = Integer.parseInt(text.trim());
      if (weight > 0) {
        return weight;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("'" + item + "': the weight must be a positive whole number");
  }

  public List<Entry> entries() {
    return entries;
  }

  /** The distinct sizes, in the order given. */
  public List<Integer> sizes() {
    return entries.stream().map(Entry::size).distinct().toList();
  }

  /** The size of message {@code index} in a run with this seed. */
  public int sizeOf(long seed, long index) {
    long point = Long.remainderUnsigned(mix(seed, index), totalWeight);
    for (Entry entry : entries) {
      point -= entry.weight();
      if (point < 0) {
        return entry.size();
      }
    }
    throw new IllegalStateException("weights do not add up");
  }

  /** A well-spread 64-bit hash of (seed, index): SplitMix64's finalizer. */
  static long mix(long seed, long index) {
    long z = seed + (index + 1) * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  @Override
  public String toString() {
    return text;
  }
}
