package dev.tern.access.password;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Argon2idHasherTest {

  private static final Argon2idHasher CHEAP = new Argon2idHasher(1024, 1, 1);

  @Test
  void referenceVectorOfThePhcWinnerVerifies() {
    // From the Argon2 reference implementation's test suite (argon2id, v=19, m=64 MiB, t=2, p=1).
    String reference = "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc";
    assertTrue(Argon2idHasher.verify("password".toCharArray(), reference));
    assertFalse(Argon2idHasher.verify("passwore".toCharArray(), reference));
  }

  @Test
  void hashVerifiesOnlyItsOwnPassword() {
    String phc = CHEAP.hash("correct horse".toCharArray());
    assertTrue(Argon2idHasher.verify("correct horse".toCharArray(), phc));
    assertFalse(Argon2idHasher.verify("correct horsE".toCharArray(), phc));
    assertFalse(Argon2idHasher.verify(new char[0], phc));
  }

  @Test
  void defaultCostIsWrittenIntoThePhcString() {
    String phc = Argon2idHasher.DEFAULT.hash("pw".toCharArray());
    assertTrue(phc.matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}"), phc);
    assertTrue(Argon2idHasher.verify("pw".toCharArray(), phc));
  }

  @Test
  void eachHashHasItsOwnSalt() {
    PhcHash first = PhcHash.parse(CHEAP.hash("same".toCharArray()));
    PhcHash second = PhcHash.parse(CHEAP.hash("same".toCharArray()));
    assertNotEquals(first, second);
    assertEquals(16, first.salt().length);
  }

  @Test
  void nonAsciiPasswordsAreHashedAsUtf8() {
    String phc = CHEAP.hash("pässwörd€".toCharArray());
    assertTrue(Argon2idHasher.verify("pässwörd€".toCharArray(), phc));
    assertFalse(Argon2idHasher.verify("passwords".toCharArray(), phc));
  }

  @Test
  void callerPasswordIsNotModified() {
    char[] password = "keep".toCharArray();
    CHEAP.hash(password);
    assertArrayEquals("keep".toCharArray(), password);
  }

  @Test
  void corruptedHashNeverVerifies() {
    String phc = CHEAP.hash("pw".toCharArray());
    assertFalse(Argon2idHasher.verify("pw".toCharArray(), phc.substring(0, phc.length() - 5)));
    assertFalse(Argon2idHasher.verify("pw".toCharArray(), phc.replace("argon2id", "argon2i")));
    assertFalse(Argon2idHasher.verify("pw".toCharArray(), (String) null));
    assertFalse(Argon2idHasher.verify("pw".toCharArray(), ""));
  }

  @Test
  void costOutsideTheBoundsIsRefused() {
    assertThrows(InvalidPasswordHashException.class, () -> new Argon2idHasher(4, 1, 1));
    assertThrows(InvalidPasswordHashException.class, () -> new Argon2idHasher(1024, 0, 1));
    assertThrows(InvalidPasswordHashException.class, () -> new Argon2idHasher(1024, 1, 0));
  }
}
