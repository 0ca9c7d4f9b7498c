package dev.tern.access.fs;

import dev.tern.access.AccountException;
import dev.tern.access.UserDetails;
import dev.tern.access.password.Argon2idHasher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FsAccountsTest {

  static final Argon2idHasher CHEAP = new Argon2idHasher(1024, 1, 1);

  @TempDir
  Path dir;
  FsAccounts accounts;

  @BeforeEach
  void setUp() throws IOException {
    FsAccounts.initialize(dir, List.of("Example.com", "example.org."));
    accounts = FsAccounts.open(dir, CHEAP);
  }

  private static char[] pw(String s) {
    return s.toCharArray();
  }

  private String usersFile() throws IOException {
    return Files.readString(dir.resolve("users"));
  }

  private static void assertRefused(String expectedMessagePart, ThrowingCall call) {
    AccountException e = assertThrows(AccountException.class, call::run);
    assertTrue(e.getMessage().contains(expectedMessagePart), e.getMessage());
  }

  interface ThrowingCall {
    void run() throws Exception;
  }

  @Test
  void initializeCreatesReadableFilesAndIsIdempotent() throws IOException {
    assertEquals(List.of("example.com", "example.org"), accounts.listDomains());
    assertTrue(accounts.listUsers().isEmpty());
    assertTrue(accounts.listAliases().isEmpty());
    accounts.addUser("alice@example.com", pw("secret"));
    FsAccounts.initialize(dir, List.of("other.example"));
    assertEquals(List.of("example.com", "example.org"), accounts.listDomains());
    assertEquals(List.of("alice@example.com"), accounts.listUsers());
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("users"))));
  }

  @Test
  void openRefusesAnUninitialisedDirectory(@TempDir Path empty) {
    assertRefused("not initialised", () -> FsAccounts.open(empty));
    assertRefused("does not exist", () -> FsAccounts.open(empty.resolve("nope")));
  }

  @Test
  void initializeRefusesInvalidDomains(@TempDir Path other) {
    assertRefused("invalid domain", () -> FsAccounts.initialize(other, List.of("bad domain")));
  }

  @Test
  void userRoundTrip() throws IOException {
    char[] password = pw("first secret");
    accounts.addUser("Alice@Example.COM", password);
    assertArrayEquals(new char[password.length], password, "password zeroed after use");
    accounts.addUser("bob@example.org", pw("b"));
    assertEquals(List.of("alice@example.com", "bob@example.org"), accounts.listUsers());

    String line = usersFile().lines().filter(l -> l.startsWith("alice@")).findFirst().orElseThrow();
    String hash = line.split(" ")[1];
    assertTrue(Argon2idHasher.verify(pw("first secret"), hash));

    accounts.setPassword("alice@example.com", pw("second secret"));
    String newHash = usersFile().lines().filter(l -> l.startsWith("alice@")).findFirst().orElseThrow().split(" ")[1];
    assertNotEquals(hash, newHash);
    assertTrue(Argon2idHasher.verify(pw("second secret"), newHash));
    assertFalse(Argon2idHasher.verify(pw("first secret"), newHash));

    accounts.deleteUser("ALICE@example.com");
    assertEquals(List.of("bob@example.org"), accounts.listUsers());
    assertFalse(usersFile().contains("alice"));
  }

  @Test
  void userBadInputs() throws IOException {
    accounts.addUser("alice@example.com", pw("x"));
    char[] password = pw("y");
    assertRefused("user exists: alice@example.com", () -> accounts.addUser("ALICE@example.com", password));
    assertArrayEquals(new char[1], password, "zeroed even when refused");
    assertRefused("no such user: carol@example.com", () -> accounts.setPassword("carol@example.com", pw("x")));
    assertRefused("no such user: carol@example.com", () -> accounts.deleteUser("carol@example.com"));
    assertRefused("domain not local: example.net", () -> accounts.addUser("carol@example.net", pw("x")));
    assertRefused("invalid address", () -> accounts.addUser("carol", pw("x")));
    assertRefused("invalid address", () -> accounts.addUser("ca rol@example.com", pw("x")));
    assertRefused("invalid address", () -> accounts.addUser("#carol@example.com", pw("x")));
    assertRefused("empty", () -> accounts.addUser(null, pw("x")));
    assertRefused("empty password", () -> accounts.addUser("carol@example.com", pw("")));
    assertRefused("control character", () -> accounts.addUser("carol@example.com", pw("a\nb")));
    assertEquals(List.of("alice@example.com"), accounts.listUsers());
  }

  @Test
  void domainRoundTripAndBadInputs() throws IOException {
    accounts.addDomain("Mail.Example.NET.");
    assertEquals(List.of("example.com", "example.org", "mail.example.net"), accounts.listDomains());
    assertRefused("domain exists: mail.example.net", () -> accounts.addDomain("mail.example.net"));
    assertRefused("invalid domain", () -> accounts.addDomain("-bad-.example"));
    assertRefused("no such domain: nowhere.example", () -> accounts.deleteDomain("nowhere.example"));

    accounts.addUser("x@mail.example.net", pw("x"));
    accounts.addAlias("@mail.example.net", "x@mail.example.net");
    assertRefused("still has 1 user(s) and 1 alias(es)", () -> accounts.deleteDomain("mail.example.net"));
    accounts.deleteUser("x@mail.example.net");
    accounts.deleteAlias("@mail.example.net", null);
    accounts.deleteDomain("mail.example.net");
    assertEquals(List.of("example.com", "example.org"), accounts.listDomains());
  }

  @Test
  void aliasRoundTrip() throws IOException {
    accounts.addUser("alice@example.com", pw("x"));
    accounts.addAlias("Sales@example.com", "alice@example.com");
    accounts.addAlias("sales@example.com", "Partner@Remote.NET");
    accounts.addAlias("@example.org", "alice@example.com");
    assertEquals(Map.of("sales@example.com", List.of("alice@example.com", "partner@remote.net"),
        "@example.org", List.of("alice@example.com")), accounts.listAliases());
    assertEquals(List.of("@example.org", "sales@example.com"), new ArrayList<>(accounts.listAliases().keySet()));
    assertTrue(Files.readString(dir.resolve("aliases")).contains("sales@example.com: alice@example.com, partner@remote.net\n"));

    accounts.deleteAlias("sales@example.com", "alice@example.com");
    assertEquals(List.of("partner@remote.net"), accounts.listAliases().get("sales@example.com"));
    accounts.deleteAlias("sales@example.com", "partner@remote.net");
    assertFalse(accounts.listAliases().containsKey("sales@example.com"), "last target removes the alias");
    accounts.deleteAlias("@example.org", null);
    assertTrue(accounts.listAliases().isEmpty());
  }

  @Test
  void aliasBadInputs() throws IOException {
    accounts.addAlias("a@example.com", "x@remote.net");
    assertRefused("alias exists", () -> accounts.addAlias("a@example.com", "X@remote.net"));
    assertRefused("domain not local: remote.net", () -> accounts.addAlias("a@remote.net", "x@example.com"));
    assertRefused("invalid address", () -> accounts.addAlias("a@example.com", "not an address"));
    assertRefused("invalid address", () -> accounts.addAlias("a@example.com", "@example.com"));
    assertRefused("invalid catch-all", () -> accounts.addAlias("@bad..domain", "x@remote.net"));
    assertRefused("no such alias: b@example.com", () -> accounts.deleteAlias("b@example.com", null));
    assertRefused("has no target y@remote.net", () -> accounts.deleteAlias("a@example.com", "y@remote.net"));
  }

  @Test
  void aliasLoopsAreRefused() throws IOException {
    accounts.addAlias("a@example.com", "b@example.com");
    accounts.addAlias("b@example.com", "c@example.org");
    assertRefused("alias loop: c@example.org -> a@example.com -> b@example.com -> c@example.org",
        () -> accounts.addAlias("c@example.org", "a@example.com"));
    assertRefused("alias loop", () -> accounts.addAlias("d@example.com", "d@example.com"));
    assertFalse(accounts.listAliases().containsKey("c@example.org"), "refused change not written");

    accounts.addUser("alice@example.com", pw("x"));
    accounts.addAlias("alice@example.com", "alice@example.com");
    assertEquals(List.of("alice@example.com"), accounts.listAliases().get("alice@example.com"),
        "an account may keep a copy of its own alias");
  }

  @Test
  void malformedFilesAreReportedWithFileAndLine() throws IOException {
    Files.writeString(dir.resolve("aliases"), "# comment\n\nok@example.com: x@remote.net\nbroken line\n");
    assertRefused("aliases line 4", () -> accounts.listAliases());
    Files.writeString(dir.resolve("users"), "alice@example.com $argon2id$x\nalice@example.com $argon2id$y\n");
    assertRefused("users line 2: duplicate user", () -> accounts.listUsers());
    Files.write(dir.resolve("domains"), new byte[] {(byte) 0xff, (byte) 0xfe, '\n'});
    assertRefused("not valid UTF-8", () -> accounts.listDomains());
  }

  private static final String SOME_HASH = "$argon2id$v=19$m=1024,t=1,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaA";

  private String userLine(String address) throws IOException {
    return usersFile().lines().filter(l -> l.startsWith(address + " ")).findFirst().orElseThrow();
  }

  private Object usersFileKey() throws IOException {
    return Files.readAttributes(dir.resolve("users"), java.nio.file.attribute.BasicFileAttributes.class).fileKey();
  }

  @Test
  void quotaAndApopSecretRoundTrip() throws IOException {
    accounts.addUser("alice@example.com", pw("pw"));
    accounts.addUser("bob@example.com", pw("pw"));
    assertEquals(List.of(new UserDetails("alice@example.com", OptionalLong.empty(), false),
        new UserDetails("bob@example.com", OptionalLong.empty(), false)), accounts.listUserDetails());

    accounts.setQuota("Alice@Example.com", OptionalLong.of(10_485_760));
    char[] secret = pw("tanstaaf ü");
    accounts.setApopSecret("alice@example.com", secret);
    assertArrayEquals(new char[secret.length], secret, "secret zeroed after use");
    String b64 = Base64.getEncoder().encodeToString("tanstaaf ü".getBytes(StandardCharsets.UTF_8));
    assertTrue(userLine("alice@example.com").endsWith(" quota=10485760 apop=" + b64), userLine("alice@example.com"));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("users"))));
    assertEquals(List.of(new UserDetails("alice@example.com", OptionalLong.of(10_485_760), true),
        new UserDetails("bob@example.com", OptionalLong.empty(), false)), accounts.listUserDetails());
    assertEquals(List.of("alice@example.com", "bob@example.com"), accounts.listUsers(), "listUsers unchanged");

    accounts.setPassword("alice@example.com", pw("new"));
    assertTrue(userLine("alice@example.com").endsWith(" quota=10485760 apop=" + b64), "a new password keeps the settings");

    accounts.setApopSecret("alice@example.com", pw("other"));
    assertTrue(userLine("alice@example.com").endsWith(" apop=" + Base64.getEncoder().encodeToString("other".getBytes(StandardCharsets.UTF_8))));
    accounts.clearApopSecret("alice@example.com");
    accounts.setQuota("alice@example.com", OptionalLong.empty());
    assertEquals(2, userLine("alice@example.com").split(" ").length, "back to the two-field line");
    assertEquals(new UserDetails("alice@example.com", OptionalLong.empty(), false), accounts.listUserDetails().get(0));
  }

  @Test
  void deletingAUserDropsItsSettings() throws IOException {
    accounts.addUser("alice@example.com", pw("pw"));
    accounts.setQuota("alice@example.com", OptionalLong.of(5000));
    accounts.setApopSecret("alice@example.com", pw("secret"));
    accounts.deleteUser("alice@example.com");
    assertTrue(usersFile().lines().allMatch(l -> l.startsWith("#")), usersFile());
    accounts.addUser("alice@example.com", pw("pw"));
    assertEquals(List.of(new UserDetails("alice@example.com", OptionalLong.empty(), false)), accounts.listUserDetails());
  }

  @Test
  void settingsBadInputs() throws IOException {
    accounts.addUser("alice@example.com", pw("pw"));
    assertRefused("no such user: carol@example.com", () -> accounts.setQuota("carol@example.com", OptionalLong.of(1)));
    char[] secret = pw("s");
    assertRefused("no such user: carol@example.com", () -> accounts.setApopSecret("carol@example.com", secret));
    assertArrayEquals(new char[1], secret, "zeroed even when refused");
    assertRefused("no such user: carol@example.com", () -> accounts.clearApopSecret("carol@example.com"));
    assertRefused("invalid address", () -> accounts.setQuota("not an address", OptionalLong.of(1)));
    assertRefused("quota must be a positive number of bytes, not 0", () -> accounts.setQuota("alice@example.com", OptionalLong.of(0)));
    assertRefused("quota must be a positive number of bytes, not -1", () -> accounts.setQuota("alice@example.com", OptionalLong.of(-1)));
    assertRefused("empty APOP secret", () -> accounts.setApopSecret("alice@example.com", pw("")));
    assertRefused("empty APOP secret", () -> accounts.setApopSecret("alice@example.com", null));
    assertRefused("APOP secret contains a control character", () -> accounts.setApopSecret("alice@example.com", pw("a\tb")));
    assertRefused("APOP secret longer than 1024", () -> accounts.setApopSecret("alice@example.com", new char[1025]));
    assertRefused("not valid Unicode", () -> accounts.setApopSecret("alice@example.com", new char[] {'a', '\ud800'}));
    assertRefused("no APOP secret set for alice@example.com", () -> accounts.clearApopSecret("alice@example.com"));
    assertEquals(List.of(new UserDetails("alice@example.com", OptionalLong.empty(), false)), accounts.listUserDetails());
  }

  @Test
  void oldFormatFilesAreReadAndOnlyRewrittenOnChange() throws IOException {
    String old = "# written by an older tern\nalice@example.com " + SOME_HASH + "\nbob@example.com " + SOME_HASH + "\n";
    Path users = dir.resolve("users");
    Files.writeString(users, old);
    Files.setPosixFilePermissions(users, PosixFilePermissions.fromString("rw-r--r--"));

    assertEquals(List.of(new UserDetails("alice@example.com", OptionalLong.empty(), false),
        new UserDetails("bob@example.com", OptionalLong.empty(), false)), accounts.listUserDetails());
    Object key = usersFileKey();
    accounts.setQuota("alice@example.com", OptionalLong.empty());
    assertEquals(old, usersFile(), "setting what is already so does not rewrite the file");
    assertEquals(key, usersFileKey());

    accounts.setApopSecret("bob@example.com", pw("secret"));
    assertTrue(userLine("bob@example.com").startsWith("bob@example.com " + SOME_HASH + " apop="));
    assertEquals("alice@example.com " + SOME_HASH, userLine("alice@example.com"));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(users)),
        "the rewritten file holds a secret and is owner-only");
  }

  @Test
  void concurrentWritersDoNotLoseUpdates() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int thread = t;
        done.add(pool.submit(() -> {
          FsAccounts own = FsAccounts.open(dir, CHEAP);
          for (int i = 0; i < 5; i++) {
            own.addUser("u" + thread + "-" + i + "@example.com", pw("x"));
            own.addAlias("list@example.com", "u" + thread + "-" + i + "@example.com");
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(20, accounts.listUsers().size());
    assertEquals(20, accounts.listAliases().get("list@example.com").size());
    try (var files = Files.list(dir)) {
      assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temp files left behind");
    }
    assertTrue(Files.readString(dir.resolve("users"), StandardCharsets.UTF_8).startsWith("#"));
  }
}
