package dev.tern.access.address;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MailAddressTest {

  @Test
  void foldsCaseAndTrailingDot() {
    MailAddress address = MailAddress.parse("Alice.Smith@Example.COM.");
    assertEquals("alice.smith", address.localPart());
    assertEquals("example.com", address.domain());
    assertEquals("alice.smith@example.com", address.toString());
  }

  @Test
  void acceptsAtextSpecialsQuotedDotAtomsAndIdn() {
    assertEquals("a+tag_x!#$%&'*/=?^`{|}~-@example.com", MailAddress.parse("a+tag_x!#$%&'*/=?^`{|}~-@example.com").toString());
    assertEquals("bob@example.com", MailAddress.parse("\"Bob\"@example.com").toString());
    assertEquals("jürgen@xn--bcher-kva.example", MailAddress.parse("Jürgen@Bücher.example").toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "plain", "@example.com", "bob@", "bob@@example.com", "b ob@example.com",
      ".bob@example.com", "bob.@example.com", "bo..b@example.com", "bob@exa mple.com", "bob@-example.com",
      "bob@example..com", "bob@[192.0.2.1]", "\"b b\"@example.com", "bob,carol@example.com", "bob:x@example.com",
      "bob@ex_ample.com", "bob\u0000@example.com",
      "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa@example.com"})
  void rejectsWhatIsNotLocalAtDomain(String bad) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MailAddress.parse(bad));
    assertFalse(e.getMessage().isBlank());
    assertTrue(MailAddress.tryParse(bad).isEmpty());
  }

  @Test
  void domainsAreNormalised() {
    assertEquals("example.com", DomainNames.normalize("EXAMPLE.com."));
    assertEquals("localhost", DomainNames.normalize("localhost"));
    assertThrows(IllegalArgumentException.class, () -> DomainNames.normalize(""));
    assertThrows(IllegalArgumentException.class, () -> DomainNames.normalize("."));
    assertThrows(IllegalArgumentException.class, () -> DomainNames.normalize("a".repeat(64) + ".com"));
    assertThrows(IllegalArgumentException.class, () -> DomainNames.normalize("example.com-"));
  }
}
