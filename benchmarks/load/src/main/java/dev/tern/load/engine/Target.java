package dev.tern.load.engine;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * Where the load goes: "host:port", "[::1]:2525".
 *
 * @param host name or address literal, IPv6 without brackets
 * @param port 1..65535
 */
public record Target(String host, int port) {

  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  public Target {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("the target needs a host");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port " + port + " is out of range 1-65535");
    }
  }

  public static Target parse(String text) {
    String value = text.trim();
    int colon = value.lastIndexOf(':');
    if (colon <= 0 || colon == value.length() - 1) {
      throw new IllegalArgumentException("'" + text + "' is not host:port (examples: 127.0.0.1:2525, [::1]:2525)");
    }
    String host = value.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    } else if (host.contains(":")) {
      throw new IllegalArgumentException("'" + text + "': write an IPv6 address in brackets, as [::1]:2525");
    }
    int port;
    try {
      port = Integer.parseInt(value.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + text + "': '" + value.substring(colon + 1) + "' is not a port number");
    }
    return new Target(host, port);
  }

  /**
   * Whether the host is this machine's loopback: "localhost" or a loopback address literal. Names are not
   * resolved (no DNS lookup just to decide this): any other name counts as remote.
   */
  public boolean loopback() {
    if (host.equalsIgnoreCase("localhost")) {
      return true;
    }
    if (!host.contains(":") && !IPV4.matcher(host).matches()) {
      return false;
    }
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  @Override
  public String toString() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }
}
