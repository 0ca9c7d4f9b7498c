package dev.tern.access.pop3.internal.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class Pop3CapabilitiesTest {

  @Test
  void beforeTlsOnAnExposedConnection() {
    Pop3Capabilities capa = new Pop3Capabilities(true, false, List.of(), true, "Tern");
    assertEquals(List.of("TOP", "UIDL", "RESP-CODES", "AUTH-RESP-CODE", "PIPELINING", "STLS", "IMPLEMENTATION Tern"),
        capa.lines());
  }

  @Test
  void afterTls() {
    Pop3Capabilities capa = new Pop3Capabilities(false, true, List.of("PLAIN"), false, null);
    assertEquals("+OK Capability list follows\r\nTOP\r\nUIDL\r\nRESP-CODES\r\nAUTH-RESP-CODE\r\nUSER\r\n"
        + "SASL PLAIN\r\n.\r\n", capa.response().format());
    assertFalse(capa.lines().contains("STLS"));
  }

  @Test
  void refusesNullMechanisms() {
    assertThrows(NullPointerException.class, () -> new Pop3Capabilities(true, true, null, false, null));
  }
}
