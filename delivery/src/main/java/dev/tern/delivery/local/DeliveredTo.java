package dev.tern.delivery.local;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code Delivered-To:} lines of a message's header block, newest (topmost) first. Each local delivery and each
 * alias expansion prepends one, so finding the address we are about to add means the message has been here in that
 * role before: a forwarding loop.
 */
final class DeliveredTo {

  /** More lines than this means a loop no single address shows (e.g. through remote forwarders that rewrite). */
  static final int MAX_LINES = 50;

  static final String FIELD = "Delivered-To";

  private final List<String> addresses;

  private DeliveredTo(List<String> addresses) {
    this.addresses = List.copyOf(addresses);
  }

  /** Reads the lines of a header block (as {@code OriginalHeaders} cuts it); folded lines are unfolded. */
  static DeliveredTo parse(byte[] headerBlock) {
    List<String> found = new ArrayList<>();
    String text = new String(headerBlock, StandardCharsets.UTF_8);
    StringBuilder field = null;
    for (String line : text.split("\n", -1)) {
      String bare = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
      boolean continuation = !bare.isEmpty() && (bare.charAt(0) == ' ' || bare.charAt(0) == '\t');
      if (continuation && field != null) {
        field.append(bare);
        continue;
      }
      addIfDeliveredTo(field, found);
      field = new StringBuilder(bare);
    }
    addIfDeliveredTo(field, found);
    return new DeliveredTo(found);
  }

  private static void addIfDeliveredTo(StringBuilder field, List<String> found) {
    if (field == null) {
      return;
    }
    int colon = field.indexOf(":");
    if (colon <= 0 || !field.substring(0, colon).strip().equalsIgnoreCase(FIELD)) {
      return;
    }
    String value = field.substring(colon + 1).strip();
    if (value.length() > 1 && value.startsWith("<") && value.endsWith(">")) {
      value = value.substring(1, value.length() - 1).strip();
    }
    if (!value.isEmpty()) {
      found.add(normalize(value));
    }
  }

  private static String normalize(String address) {
    return address.toLowerCase(Locale.ROOT);
  }

  boolean contains(String address) {
    return addresses.contains(normalize(address));
  }

  /** Whether the topmost line (the last one added) names this address. */
  boolean newestIs(String address) {
    return !addresses.isEmpty() && addresses.get(0).equals(normalize(address));
  }

  boolean tooMany() {
    return addresses.size() > MAX_LINES;
  }

  int count() {
    return addresses.size();
  }
}
