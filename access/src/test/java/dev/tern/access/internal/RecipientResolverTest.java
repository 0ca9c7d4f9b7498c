package dev.tern.access.internal;

import dev.tern.access.RecipientResolution;
import dev.tern.access.RecipientResolution.Kind;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecipientResolverTest {

  private static final String HASH = "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc";

  private final Map<String, String> users = new LinkedHashMap<>();
  private final Map<String, List<String>> aliases = new LinkedHashMap<>();

  private RecipientResolution resolve(String address) {
    return new RecipientResolver(new AccountSnapshot(List.of("example.com", "example.org"), users, aliases))
        .resolve(address);
  }

  private static RecipientResolution local(List<String> mailboxes, List<String> forwards) {
    return new RecipientResolution(Kind.LOCAL, mailboxes, forwards);
  }

  @Test
  void accountsResolveCaseInsensitively() {
    users.put("alice@example.com", HASH);
    assertEquals(local(List.of("alice@example.com"), List.of()), resolve("alice@example.com"));
    assertEquals(local(List.of("alice@example.com"), List.of()), resolve("ALICE@Example.Com."));
    assertEquals(local(List.of("alice@example.com"), List.of()), resolve("\"alice\"@example.com"));
  }

  @Test
  void unknownLocalAndRemote() {
    users.put("alice@example.com", HASH);
    assertEquals(RecipientResolution.unknown(), resolve("bob@example.com"));
    assertEquals(RecipientResolution.unknown(), resolve("alice@example.org"));
    assertEquals(RecipientResolution.remote(), resolve("alice@example.net"));
    assertEquals(RecipientResolution.remote(), resolve("alice@[192.0.2.1]"));
  }

  @Test
  void badInputIsUnknownNotAnError() {
    assertEquals(RecipientResolution.unknown(), resolve(""));
    assertEquals(RecipientResolution.unknown(), resolve(null));
    assertEquals(RecipientResolution.unknown(), resolve("no-domain"));
    assertEquals(RecipientResolution.unknown(), resolve("a b@example.com"));
    assertEquals(RecipientResolution.unknown(), resolve("@example.com"));
  }

  @Test
  void aliasesComeBeforeAccountsAndExpandRecursively() {
    users.put("alice@example.com", HASH);
    users.put("bob@example.org", HASH);
    users.put("sales@example.com", HASH);
    aliases.put("sales@example.com", List.of("team@example.com"));
    aliases.put("team@example.com", List.of("alice@example.com", "lead@example.org", "partner@remote.net"));
    aliases.put("lead@example.org", List.of("bob@example.org", "alice@example.com"));
    assertEquals(local(List.of("alice@example.com", "bob@example.org"), List.of("partner@remote.net")),
        resolve("Sales@example.com"));
  }

  @Test
  void aliasIncludingItselfKeepsACopyInTheAccount() {
    users.put("alice@example.com", HASH);
    aliases.put("alice@example.com", List.of("alice@example.com", "alice@home.example"));
    assertEquals(local(List.of("alice@example.com"), List.of("alice@home.example")), resolve("alice@example.com"));
  }

  @Test
  void loopsAreCutAndReported() {
    users.put("alice@example.com", HASH);
    aliases.put("a@example.com", List.of("b@example.com"));
    aliases.put("b@example.com", List.of("a@example.com", "alice@example.com"));
    aliases.put("x@example.com", List.of("y@example.com"));
    aliases.put("y@example.com", List.of("x@example.com"));
    assertEquals(local(List.of("alice@example.com"), List.of()), resolve("a@example.com"));
    assertEquals(RecipientResolution.unknown(), resolve("x@example.com"), "a pure loop delivers nowhere");
    RecipientResolver resolver = new RecipientResolver(new AccountSnapshot(List.of("example.com"), users, aliases));
    List<String> problems = resolver.expand("x@example.com").problems();
    assertEquals(List.of("alias loop: x@example.com -> y@example.com -> x@example.com"), problems);
  }

  @Test
  void depthIsLimited() {
    users.put("end@example.com", HASH);
    for (int i = 0; i < RecipientResolver.MAX_DEPTH + 2; i++) {
      aliases.put("hop" + i + "@example.com", List.of("hop" + (i + 1) + "@example.com"));
    }
    aliases.put("hop" + (RecipientResolver.MAX_DEPTH + 2) + "@example.com", List.of("end@example.com"));
    assertEquals(RecipientResolution.unknown(), resolve("hop0@example.com"));
    assertEquals(local(List.of("end@example.com"), List.of()), resolve("hop5@example.com"));
    RecipientResolver resolver = new RecipientResolver(new AccountSnapshot(List.of("example.com"), users, aliases));
    assertTrue(resolver.expand("hop0@example.com").problems().get(0).startsWith("alias chain deeper than"));
  }

  @Test
  void danglingLocalTargetsAreDroppedAndReported() {
    users.put("alice@example.com", HASH);
    aliases.put("list@example.com", List.of("gone@example.com", "alice@example.com"));
    aliases.put("dead@example.com", List.of("gone@example.com"));
    assertEquals(local(List.of("alice@example.com"), List.of()), resolve("list@example.com"));
    assertEquals(RecipientResolution.unknown(), resolve("dead@example.com"));
    RecipientResolver resolver = new RecipientResolver(new AccountSnapshot(List.of("example.com"), users, aliases));
    assertEquals(List.of("alias target gone@example.com is neither an account nor an alias"),
        resolver.expand("dead@example.com").problems());
  }

  @Test
  void postmasterIsAlwaysAccepted() {
    // no account at all in example.org: the postmaster mailbox itself
    assertEquals(local(List.of("postmaster@example.org"), List.of()), resolve("PostMaster@example.org"));
    // first account of the domain, alphabetically
    users.put("zed@example.com", HASH);
    users.put("amy@example.com", HASH);
    users.put("aaron@example.org", HASH);
    assertEquals(local(List.of("amy@example.com"), List.of()), resolve("postmaster@example.com"));
    // an account named postmaster wins over that
    users.put("postmaster@example.com", HASH);
    assertEquals(local(List.of("postmaster@example.com"), List.of()), resolve("postmaster@example.com"));
    // and an alias wins over everything
    aliases.put("postmaster@example.com", List.of("zed@example.com", "noc@remote.net"));
    assertEquals(local(List.of("zed@example.com"), List.of("noc@remote.net")), resolve("postmaster@example.com"));
  }

  @Test
  void barePostmasterMeansTheDefaultDomain() {
    users.put("admin@example.com", HASH);
    assertEquals(local(List.of("admin@example.com"), List.of()), resolve("Postmaster"));
    assertEquals(RecipientResolution.unknown(), resolve("admin"));
  }

  @Test
  void catchAllTakesUnknownAddressesOnly() {
    users.put("alice@example.com", HASH);
    users.put("bob@example.com", HASH);
    aliases.put("@example.com", List.of("alice@example.com"));
    assertEquals(local(List.of("alice@example.com"), List.of()), resolve("whoever@example.com"));
    assertEquals(local(List.of("bob@example.com"), List.of()), resolve("bob@example.com"));
    assertEquals(local(List.of("alice@example.com"), List.of()), resolve("postmaster@example.com"));
    assertEquals(RecipientResolution.unknown(), resolve("whoever@example.org"));
  }

  @Test
  void catchAllPointingIntoItsOwnDomainDoesNotLoop() {
    aliases.put("@example.com", List.of("nobody@example.com"));
    assertEquals(RecipientResolution.unknown(), resolve("x@example.com"));
    RecipientResolver resolver = new RecipientResolver(new AccountSnapshot(List.of("example.com"), users, aliases));
    assertFalse(resolver.expand("@example.com").problems().isEmpty());
  }

  @Test
  void localDomainsAreCaseInsensitive() {
    AccountSnapshot snapshot = new AccountSnapshot(List.of("example.com"), Map.of(), Map.of());
    assertTrue(snapshot.isLocalDomain("EXAMPLE.COM."));
    assertFalse(snapshot.isLocalDomain("example.net"));
    assertFalse(snapshot.isLocalDomain("[127.0.0.1]"));
    assertFalse(snapshot.isLocalDomain(null));
  }
}
