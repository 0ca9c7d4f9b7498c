package dev.tern.relay.policy;

import dev.tern.relay.internal.policy.Cidr;
import dev.tern.relay.internal.policy.RelayPolicy;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PolicyTest {

  @Test
  void cidrMatchesIpv4AndIpv6() {
    Cidr v4 = Cidr.parse("10.1.0.0/16");
    assertTrue(v4.contains("10.1.255.3"));
    assertFalse(v4.contains("10.2.0.1"));
    assertFalse(v4.contains("::1"));
    Cidr odd = Cidr.parse("192.168.0.128/25");
    assertTrue(odd.contains("192.168.0.200"));
    assertFalse(odd.contains("192.168.0.100"));
    Cidr v6 = Cidr.parse("2001:db8::/32");
    assertTrue(v6.contains("2001:db8:ffff::1"));
    assertFalse(v6.contains("2001:db9::1"));
    assertTrue(Cidr.parse("::1/128").contains("0:0:0:0:0:0:0:1"));
    assertTrue(Cidr.parse("0.0.0.0/0").contains("8.8.8.8"));
    assertTrue(Cidr.parse("127.0.0.1").contains("127.0.0.1"));
    assertFalse(Cidr.parse("127.0.0.1").contains("127.0.0.2"));
    assertFalse(v4.contains("not-an-ip"));
    assertThrows(IllegalArgumentException.class, () -> Cidr.parse("10.0.0.0/33"));
    assertThrows(IllegalArgumentException.class, () -> Cidr.parse("example.com/8"));
  }

  @Test
  void relayPolicy() {
    RelayPolicy policy = new RelayPolicy(List.of("127.0.0.1/32", "fd00::/8"));
    assertTrue(policy.mayRelay("127.0.0.1", false));
    assertTrue(policy.mayRelay("fd00::5", false));
    assertFalse(policy.mayRelay("127.0.0.2", false));
    assertTrue(policy.mayRelay("127.0.0.2", true));
  }
}
