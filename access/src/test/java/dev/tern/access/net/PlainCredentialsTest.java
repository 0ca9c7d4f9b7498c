package dev.tern.access.net;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class PlainCredentialsTest {

  private static Optional<PlainCredentials> parse(String message) {
    return PlainCredentials.parse(message.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void acceptsWithAndWithoutAuthorizationIdentity() {
    assertEquals(Optional.of(new PlainCredentials("alice", "pass word")), parse("\0alice\0pass word"));
    assertEquals(Optional.of(new PlainCredentials("alice", "s\u00e9cret")), parse("alice\0alice\0s\u00e9cret"));
  }

  @Test
  void refusesMalformedMessagesAndActingAsSomeoneElse() {
    assertEquals(Optional.empty(), parse("bob\0alice\0secret"));
    assertEquals(Optional.empty(), parse("alice\0secret"));
    assertEquals(Optional.empty(), parse("\0\0secret"));
    assertEquals(Optional.empty(), parse("\0alice\0"));
    assertEquals(Optional.empty(), parse("\0alice\0secret\0more"));
    assertEquals(Optional.empty(), parse(""));
    assertEquals(Optional.empty(), PlainCredentials.parse(new byte[] {0, 'a', 0, (byte) 0xC3, 0x28}));
  }

  @Test
  void passwordIsHiddenFromToString() {
    assertFalse(new PlainCredentials("alice", "hunter2").toString().contains("hunter2"));
  }
}
