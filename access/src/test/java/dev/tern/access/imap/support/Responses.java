package dev.tern.access.imap.support;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Small readers for response lines in protocol tests (flag lists come in no fixed order). */
public final class Responses {

  private static final Pattern FLAGS = Pattern.compile("FLAGS \\(([^)]*)\\)");
  private static final Pattern MODSEQ = Pattern.compile("MODSEQ \\((\\d+)\\)");
  private static final Pattern HIGHEST = Pattern.compile("\\[HIGHESTMODSEQ (\\d+)\\]");

  private Responses() {
  }

  /** The flags of the first {@code FLAGS (...)} in the line. */
  public static Set<String> flags(String line) {
    Matcher m = FLAGS.matcher(line);
    if (!m.find()) {
      throw new AssertionError("no FLAGS in " + line);
    }
    Set<String> flags = new LinkedHashSet<>();
    for (String flag : m.group(1).split(" ")) {
      if (!flag.isEmpty()) {
        flags.add(flag);
      }
    }
    return flags;
  }

  public static long modSeq(String line) {
    Matcher m = MODSEQ.matcher(line);
    if (!m.find()) {
      throw new AssertionError("no MODSEQ in " + line);
    }
    return Long.parseLong(m.group(1));
  }

  /** HIGHESTMODSEQ from a SELECT's responses. */
  public static long highestModSeq(List<String> lines) {
    for (String line : lines) {
      Matcher m = HIGHEST.matcher(line);
      if (m.find()) {
        return Long.parseLong(m.group(1));
      }
    }
    throw new AssertionError("no HIGHESTMODSEQ in " + lines);
  }

  /** The untagged lines starting with {@code prefix} (e.g. "* 1 FETCH"). */
  public static List<String> starting(List<String> lines, String prefix) {
    return lines.stream().filter(line -> line.startsWith(prefix)).toList();
  }

  /** The tagged (last) line. */
  public static String tagged(List<String> lines) {
    return lines.get(lines.size() - 1);
  }

  /**
   * NOOP until a response line equal to {@code expected} arrives (changes reach a session as events, so not
   * necessarily by the first NOOP); returns every line received. Bounded; asserts nothing about time.
   */
  public static List<String> noopUntil(ImapClient client, String expected) throws Exception {
    List<String> all = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      List<String> lines = client.ok("NOOP");
      all.addAll(lines);
      if (lines.contains(expected)) {
        return all;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("never got " + expected + ", last lines: "
        + all.subList(Math.max(0, all.size() - 5), all.size()));
  }

  /** NOOP until a response line containing {@code text} arrives; returns that line. */
  public static String noopUntilContains(ImapClient client, String text) throws Exception {
    for (int i = 0; i < 500; i++) {
      for (String line : client.ok("NOOP")) {
        if (line.contains(text)) {
          return line;
        }
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no line with " + text + " after NOOPs");
  }
}
