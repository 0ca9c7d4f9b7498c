package dev.tern.delivery.route.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xbill.DNS.Address;

class AddressPolicyTest {

  private static InetAddress ip(String literal) throws Exception {
    int family = literal.indexOf(':') >= 0 ? Address.IPv6 : Address.IPv4;
    return InetAddress.getByAddress(Address.toByteArray(literal, family));
  }

  @ParameterizedTest
  @CsvSource({
      "127.0.0.1, false", "127.1.2.3, false", "10.0.0.1, false", "172.16.5.4, false", "172.31.255.255, false",
      "192.168.0.1, false", "169.254.1.1, false", "0.0.0.0, false", "0.1.2.3, false", "100.64.0.1, false",
      "100.127.255.255, false", "224.0.0.1, false", "240.0.0.1, false", "255.255.255.255, false",
      "::1, false", "::, false", "fe80::1, false", "fc00::1, false", "fd12:3456::1, false", "ff02::1, false",
      "fec0::1, false", "::10.0.0.1, false", "::ffff:10.0.0.1, false", "::ffff:127.0.0.1, false",
      "8.8.8.8, true", "172.32.0.1, true", "100.128.0.1, true", "192.0.2.7, true", "2001:db8::1, true",
      "2a00:1450:4001::1, true", "::ffff:8.8.8.8, true"})
  void refusesNonPublicAddresses(String literal, boolean allowed) throws Exception {
    assertEquals(allowed, new AddressPolicy(false).allowed(ip(literal)), literal);
    assertTrue(new AddressPolicy(true).allowed(ip(literal)), literal);
  }
}
