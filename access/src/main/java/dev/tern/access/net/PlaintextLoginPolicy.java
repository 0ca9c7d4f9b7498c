package dev.tern.access.net;

import io.netty.util.NetUtil;

import java.net.InetAddress;

/**
 * Whether a password may cross this connection in the clear (USER/PASS, AUTH PLAIN): on TLS always,
 * on loopback always (nothing leaves the host), elsewhere only when the operator allowed it
 * (RFC 2595 section 2.1 lets a server refuse plaintext logins on unprotected connections).
 */
public final class PlaintextLoginPolicy {

  private final boolean allowOnInsecure;

  public PlaintextLoginPolicy(boolean allowOnInsecure) {
    this.allowOnInsecure = allowOnInsecure;
  }

  public boolean allows(boolean tls, boolean loopback) {
    return tls || loopback || allowOnInsecure;
  }

  /** True for an IP literal in 127.0.0.0/8 or ::1 (also IPv4-mapped); never resolves a name. */
  public static boolean isLoopback(String ip) {
    if (ip == null) {
      return false;
    }
    InetAddress address = NetUtil.createInetAddressFromIpAddressString(ip);
    return address != null && address.isLoopbackAddress();
  }
}
