package dev.tern.relay.internal.policy;

import java.util.List;

/** May this client send mail to a domain that is not ours? Trusted networks and authenticated users may. */
public final class RelayPolicy {

  private final List<Cidr> trusted;

  public RelayPolicy(List<String> trustedNetworks) {
    this.trusted = trustedNetworks.stream().map(Cidr::parse).toList();
  }

  public boolean isTrusted(String clientIp) {
    for (Cidr cidr : trusted) {
      if (cidr.contains(clientIp)) {
        return true;
      }
    }
    return false;
  }

  public boolean mayRelay(String clientIp, boolean authenticated) {
    return authenticated || isTrusted(clientIp);
  }
}
