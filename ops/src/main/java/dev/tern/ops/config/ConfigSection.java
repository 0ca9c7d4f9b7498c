package dev.tern.ops.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One mapping of the YAML tree, read key by key with type checks. It remembers which keys were read so
 * that {@link #finish()} can reject the first key nobody asked for, naming its full path. A key that
 * is absent or null takes the default.
 */
final class ConfigSection {

  private final String path;
  private final Map<String, Object> values;
  private final Set<String> known = new LinkedHashSet<>();
  private final Set<String> allPathsRead;

  private ConfigSection(String path, Map<String, Object> values, Set<String> allPathsRead) {
    this.path = path;
    this.values = values;
    this.allPathsRead = allPathsRead;
  }

  /** The top of a document; {@code allPathsRead} collects the full path of every key any reader asks for. */
  static ConfigSection root(Object document, Set<String> allPathsRead) throws ConfigException {
    return of("", document, allPathsRead);
  }

  private static ConfigSection of(String path, Object node, Set<String> allPathsRead) throws ConfigException {
    if (node == null) {
      return new ConfigSection(path, Map.of(), allPathsRead);
    }
    if (!(node instanceof Map<?, ?> map)) {
      throw new ConfigException((path.isEmpty() ? "the config file" : path) + ": expected a mapping of keys, got "
          + describe(node));
    }
    Map<String, Object> copy = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : map.entrySet()) {
      if (!(e.getKey() instanceof String key)) {
        throw new ConfigException(child(path, String.valueOf(e.getKey())) + ": keys must be text, got "
            + describe(e.getKey()));
      }
      copy.put(key, e.getValue());
    }
    return new ConfigSection(path, copy, allPathsRead);
  }

  String path(String key) {
    return child(path, key);
  }

  ConfigSection section(String key) throws ConfigException {
    return of(path(key), take(key), allPathsRead);
  }

  String string(String key, String defaultValue) throws ConfigException {
    Object v = take(key);
    if (v == null) {
      return defaultValue;
    }
    if (!(v instanceof String s)) {
      throw wrongType(key, "a string", v);
    }
    if (s.isBlank()) {
      throw new ConfigException(path(key) + ": must not be empty");
    }
    return s.trim();
  }

  boolean bool(String key, boolean defaultValue) throws ConfigException {
    Object v = take(key);
    if (v == null) {
      return defaultValue;
    }
    if (!(v instanceof Boolean b)) {
      throw wrongType(key, "true or false", v);
    }
    return b;
  }

  int integer(String key, int defaultValue, int min, int max) throws ConfigException {
    Object v = take(key);
    if (v == null) {
      return defaultValue;
    }
    if (!(v instanceof Integer i)) {
      throw wrongType(key, "an integer", v);
    }
    if (i < min || i > max) {
      throw new ConfigException(path(key) + ": must be between " + min + " and " + max + ", got " + i);
    }
    return i;
  }

  double decimal(String key, double defaultValue, double min, double max) throws ConfigException {
    Object v = take(key);
    if (v == null) {
      return defaultValue;
    }
    if (!(v instanceof Number n)) {
      throw wrongType(key, "a number", v);
    }
    double d = n.doubleValue();
    if (!(d >= min && d <= max)) {
      throw new ConfigException(path(key) + ": must be between " + min + " and " + max + ", got " + n);
    }
    return d;
  }

  /** A mapping whose keys are data (domain names, say) rather than config keys; values are strings. */
  Map<String, String> stringMap(String key) throws ConfigException {
    Object v = take(key);
    if (v == null) {
      return Map.of();
    }
    if (!(v instanceof Map<?, ?> map)) {
      throw wrongType(key, "a mapping", v);
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : map.entrySet()) {
      if (!(e.getKey() instanceof String k) || !(e.getValue() instanceof String value) || value.isBlank()) {
        throw new ConfigException(path(key) + "." + e.getKey() + ": expected a non-empty string, got "
            + describe(e.getValue()));
      }
      out.put(k, value.trim());
    }
    return Map.copyOf(out);
  }

  /** A byte count: a plain integer or a number with a unit ("25MiB", "512k"). */
  long size(String key, long defaultValue, long min) throws ConfigException {
    Object v = take(key);
    if (v == null) {
      return defaultValue;
    }
    Optional<Long> parsed = Optional.empty();
    if (v instanceof Integer i) {
      parsed = Optional.of(i.longValue());
    } else if (v instanceof Long l) {
      parsed = Optional.of(l);
    } else if (v instanceof String s) {
      parsed = Units.parseSize(s);
    }
    if (parsed.isEmpty()) {
      throw wrongType(key, "a size like 25MiB, 512KiB or a number of bytes", v);
    }
    if (parsed.get() < min) {
      throw new ConfigException(path(key) + ": must be at least " + min + " bytes, got " + parsed.get());
    }
    return parsed.get();
  }

  /** A byte count between {@code min} and {@code max}, as {@link #size(String, long, long)}. */
  long size(String key, long defaultValue, long min, long max) throws ConfigException {
    long bytes = size(key, defaultValue, min);
    if (bytes > max) {
      throw new ConfigException(path(key) + ": must be at most " + max + " bytes, got " + bytes);
    }
    return bytes;
  }

  Duration duration(String key, Duration defaultValue) throws ConfigException {
    Object v = take(key);
    if (v == null) {
      return defaultValue;
    }
    Optional<Duration> parsed = v instanceof String s ? Units.parseDuration(s) : Optional.empty();
    if (parsed.isEmpty()) {
      throw wrongType(key, "a duration like 30s, 5m, 2h or 500ms", v);
    }
    return parsed.get();
  }

  /** A duration that must be longer than zero. */
  Duration positiveDuration(String key, Duration defaultValue) throws ConfigException {
    Duration d = duration(key, defaultValue);
    if (d != null && (d.isZero() || d.isNegative())) {
      throw new ConfigException(path(key) + ": must be longer than 0");
    }
    return d;
  }

  List<String> strings(String key, List<String> defaultValue) throws ConfigException {
    Object v = take(key);
    if (v == null) {
      return defaultValue;
    }
    if (!(v instanceof List<?> list)) {
      throw wrongType(key, "a list of strings", v);
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      Object item = list.get(i);
      if (!(item instanceof String s) || s.isBlank()) {
        throw new ConfigException(path(key) + "[" + i + "]: expected a non-empty string, got " + describe(item));
      }
      out.add(s.trim());
    }
    return List.copyOf(out);
  }

  /** Fails on the first key of this mapping that no reader asked for. */
  void finish() throws ConfigException {
    for (String key : values.keySet()) {
      if (!known.contains(key)) {
        throw new ConfigException("unknown key " + path(key) + " (known keys here: " + String.join(", ", known) + ")");
      }
    }
  }

  private Object take(String key) {
    known.add(key);
    allPathsRead.add(path(key));
    return values.get(key);
  }

  private ConfigException wrongType(String key, String expected, Object actual) {
    return new ConfigException(path(key) + ": expected " + expected + ", got " + describe(actual));
  }

  private static String child(String parent, String key) {
    return parent.isEmpty() ? key : parent + "." + key;
  }

  static String describe(Object v) {
    if (v == null) {
      return "nothing";
    }
    if (v instanceof String s) {
      return "\"" + s + "\"";
    }
    if (v instanceof Map<?, ?>) {
      return "a mapping";
    }
    if (v instanceof List<?>) {
      return "a list";
    }
    return String.valueOf(v);
  }
}
