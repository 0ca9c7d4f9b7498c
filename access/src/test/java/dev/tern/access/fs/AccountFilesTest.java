package dev.tern.access.fs;

import dev.tern.access.AccountException;
import dev.tern.access.internal.UserSettings;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The users file format with per-account attributes, without touching the disk. */
class AccountFilesTest {

  private static final String HASH = "$argon2id$v=19$m=1024,t=1,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaA";
  private static final String SECRET_B64 = Base64.getEncoder().encodeToString("tanstaaf".getBytes(StandardCharsets.UTF_8));

  private static AccountFiles.Users parse(String... lines) throws AccountException {
    return AccountFiles.parseUsers(List.of(lines));
  }

  private static void assertBadLine(String expected, String... lines) {
    AccountException e = assertThrows(AccountException.class, () -> parse(lines));
    assertTrue(e.getMessage().startsWith("users line " + lines.length + ": " + expected), e.getMessage());
  }

  @Test
  void attributesRoundTrip() throws AccountException {
    byte[] secret = "pässwörd ok".getBytes(StandardCharsets.UTF_8);
    Map<String, String> hashes = Map.of("alice@example.com", HASH, "bob@example.com", HASH, "carol@example.com", HASH);
    Map<String, UserSettings> settings = Map.of(
        "alice@example.com", UserSettings.of(OptionalLong.of(10_485_760), secret),
        "bob@example.com", UserSettings.of(OptionalLong.of(1), null),
        "carol@example.com", UserSettings.of(OptionalLong.empty(), secret));

    String text = AccountFiles.formatUsers(hashes, settings);
    String b64 = Base64.getEncoder().encodeToString(secret);
    assertTrue(text.contains("\nalice@example.com " + HASH + " quota=10485760 apop=" + b64 + "\n"), text);
    assertTrue(text.contains("\nbob@example.com " + HASH + " quota=1\n"), text);
    assertTrue(text.contains("\ncarol@example.com " + HASH + " apop=" + b64 + "\n"), text);

    AccountFiles.Users read = AccountFiles.parseUsers(text.lines().toList());
    assertEquals(hashes, read.hashes());
    assertEquals(settings, read.settings());
    assertArrayEquals(secret, read.settings().get("alice@example.com").apopSecret().orElseThrow());
    assertEquals(text, AccountFiles.formatUsers(read.hashes(), read.settings()), "stable when written again");
  }

  @Test
  void attributesInAnyOrderAndOldTwoFieldLines() throws AccountException {
    AccountFiles.Users read = parse(
        "# comment",
        "Old@Example.COM " + HASH,
        "new@example.com\t" + HASH + "  apop=" + SECRET_B64 + " quota=2048");
    assertEquals(List.of("old@example.com", "new@example.com"), List.copyOf(read.hashes().keySet()));
    assertFalse(read.settings().containsKey("old@example.com"), "an old line has no settings");
    UserSettings settings = read.settings().get("new@example.com");
    assertEquals(OptionalLong.of(2048), settings.quotaBytes());
    assertArrayEquals("tanstaaf".getBytes(StandardCharsets.UTF_8), settings.apopSecret().orElseThrow());
    assertEquals("new@example.com " + HASH + " quota=2048 apop=" + SECRET_B64,
        AccountFiles.formatUsers(read.hashes(), read.settings()).lines()
            .filter(l -> l.startsWith("new@")).findFirst().orElseThrow(), "written back in the canonical order");
  }

  @Test
  void oldFilesWithoutAttributesFormatToTheOldLines() throws AccountException {
    AccountFiles.Users read = parse("alice@example.com " + HASH);
    String text = AccountFiles.formatUsers(read.hashes(), read.settings());
    assertTrue(text.endsWith("\nalice@example.com " + HASH + "\n"), text);
  }

  @Test
  void badQuotas() {
    assertBadLine("quota must be a positive whole number of bytes, not '-5'", "a@example.com " + HASH + " quota=-5");
    assertBadLine("quota must be a positive whole number of bytes, not '0'", "a@example.com " + HASH + " quota=0");
    assertBadLine("quota must be a positive whole number of bytes, not '10M'", "a@example.com " + HASH + " quota=10M");
    assertBadLine("quota must be a positive whole number of bytes, not ''", "a@example.com " + HASH + " quota=");
    assertBadLine("quota must be a positive whole number of bytes, not '+5'", "a@example.com " + HASH + " quota=+5");
    assertBadLine("quota 9999999999999999999 is too large", "a@example.com " + HASH + " quota=9999999999999999999");
  }

  @Test
  void badApopSecretsAreReportedWithoutTheirValue() {
    String notBase64 = "s3cr*t!";
    AccountException e = assertThrows(AccountException.class,
        () -> parse("# one", "a@example.com " + HASH + " apop=" + notBase64));
    assertEquals("users line 2: apop is not valid base64", e.getMessage());
    assertBadLine("apop secret is empty", "a@example.com " + HASH + " apop=");
    String latin1 = Base64.getEncoder().encodeToString(new byte[] {'p', (byte) 0xe4, 's', 's'});
    assertBadLine("apop secret is not UTF-8 text", "a@example.com " + HASH + " apop=" + latin1);
  }

  @Test
  void unknownDuplicateAndMalformedAttributes() {
    AccountException unknown = assertThrows(AccountException.class,
        () -> parse("a@example.com " + HASH + " apopp=" + SECRET_B64));
    assertEquals("users line 1: unknown attribute 'apopp' (known: quota, apop)", unknown.getMessage());
    assertFalse(unknown.getMessage().contains(SECRET_B64), "a mistyped key's value may be a secret");
    assertBadLine("unknown attribute 'Quota'", "a@example.com " + HASH + " Quota=5");
    assertBadLine("duplicate attribute quota", "a@example.com " + HASH + " quota=5 quota=5");
    assertBadLine("duplicate attribute apop", "a@example.com " + HASH + " apop=" + SECRET_B64 + " quota=1 apop=" + SECRET_B64);
    assertBadLine("expected key=value after the hash", "a@example.com " + HASH + " quota");
    assertBadLine("expected key=value after the hash", "a@example.com " + HASH + " =5");
    assertBadLine("password hash missing before quota=", "a@example.com quota=5");
    assertBadLine("expected 'address hash [key=value ...]'", "a@example.com");
    assertBadLine("duplicate user a@example.com", "a@example.com " + HASH, "A@example.com " + HASH + " quota=5");
  }
}
