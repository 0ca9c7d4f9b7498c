package dev.tern.load.pop3;

import java.util.Arrays;

/** The scan listing of a LIST reply: message numbers and their sizes in octets, in the order the server gave. */
final class ListedMessages {

  private long[] numbers = new long[64];
  private long[] sizes = new long[64];
  private int size;

  /** Adds one "number octets" line (RFC 1939 scan listing; more words may follow); false when malformed. */
  boolean add(String line) {
    String[] words = line.split(" ", 3);
    if (words.length < 2) {
      return false;
    }
    long number;
    long octets;
    try {
      number = Long.parseLong(words[0]);
      octets = Long.parseLong(words[1]);
    } catch (NumberFormatException e) {
      return false;
    }
    if (number < 1 || octets < 0) {
      return false;
    }
    if (size == numbers.length) {
      numbers = Arrays.copyOf(numbers, size * 2);
      sizes = Arrays.copyOf(sizes, size * 2);
    }
    numbers[size] = number;
    sizes[size] = octets;
    size++;
    return true;
  }

  int size() {
    return size;
  }

  long number(int index) {
    return numbers[index];
  }

  long size(int index) {
    return sizes[index];
  }
}
