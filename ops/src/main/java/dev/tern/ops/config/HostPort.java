package dev.tern.ops.config;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A "host", "host:port", "[v6]:port" or bare IPv6 value from the config file.
 *
 * @param host the host name or IP literal, without brackets
 * @param port the port given, or the default
 */
public record HostPort(String host, int port) {

  private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:]*:[0-9A-Fa-f:.]*");

  /** Splits {@code text}; empty when it is not of one of the accepted forms or the port is out of range. */
  public static Optional<HostPort> parse(String text, int defaultPort) {
    String value = text.strip();
    String host;
    String port = null;
    if (value.startsWith("[")) {
      int close = value.indexOf(']');
      if (close < 0) {
        return Optional.empty();
      }
      host = value.substring(1, close);
      String rest = value.substring(close + 1);
      if (!rest.isEmpty()) {
        if (!rest.startsWith(":")) {
          return Optional.empty();
        }
        port = rest.substring(1);
      }
    } else if (value.indexOf(':') >= 0 && value.indexOf(':') == value.lastIndexOf(':')) {
      host = value.substring(0, value.indexOf(':'));
      port = value.substring(value.indexOf(':') + 1);
    } else {
      host = value;
    }
    if (host.isEmpty()) {
      return Optional.empty();
    }
    int number = defaultPort;
    if (port != null) {
      if (!port.matches("\\d{1,5}")) {
        return Optional.empty();
      }
      number = Integer.parseInt(port);
      if (number < 1 || number > 65535) {
        return Optional.empty();
      }
    }
    return Optional.of(new HostPort(host, number));
  }

  /** Whether the host is an IPv4 or IPv6 literal (so making an address of it needs no DNS). */
  public boolean ipLiteral() {
    return IPV4.matcher(host).matches() || (host.contains(":") && IPV6.matcher(host).matches());
  }
}
