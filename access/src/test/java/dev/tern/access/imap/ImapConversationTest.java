package dev.tern.access.imap;

import dev.tern.access.imap.support.ImapClient;
import dev.tern.access.imap.support.ImapConversation;
import dev.tern.access.imap.support.ImapFixture;
import dev.tern.access.mailbox.QuotaLimits;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Plays every script in {@code src/test/resources/imap/conversations} (format: {@link ImapConversation})
 * against a fresh server, one dynamic test per file.
 *
 * <p>The seed every conversation starts from: alice@example.com (password "wonderland") and bob@example.com
 * ("builder"); alice has the default mailboxes (INBOX, Archive, Drafts, Junk, Sent, Trash, all subscribed) and
 * three messages in INBOX, UIDs 1 to 3 ({@link #SEED}); bob has one ({@link #BOB_MESSAGE}). Alice's storage
 * limit is 1 MiB and QUOTA is on unless a script says {@code OPTION: quota off} (or another limit); bob has no
 * limit. The server has no certificate (no STARTTLS) and listens on loopback, where plaintext login is allowed.
 */
class ImapConversationTest {

  /** One seeded message: its text (CRLF line ends), stored flags and internal date. */
  record Seed(String text, Set<String> flags, Instant internalDate) {
    int size() {
      return text.getBytes(StandardCharsets.UTF_8).length;
    }
  }

  /**
   * Alice's INBOX: UID 1 is \Seen, UID 2 \Flagged (so the first unseen is message 2), UID 3 has no flag and is
   * the only \Recent one (the store counts messages without flags as new).
   */
  static final List<Seed> SEED = List.of(
      new Seed("""
          From: Bob <bob@example.com>\r
          To: Alice <alice@example.com>\r
          Subject: Lunch on Friday\r
          Date: Fri, 01 Mar 2024 09:00:00 +0000\r
          Message-ID: <seed1@example.com>\r
          \r
          Shall we meet at noon?\r
          """, Set.of("\\Seen"), Instant.parse("2024-03-01T09:00:05Z")),
      new Seed("""
          From: Carol <carol@example.org>\r
          To: alice@example.com\r
          Subject: Quarterly report\r
          Date: Sat, 02 Mar 2024 10:30:00 +0000\r
          Message-ID: <seed2@example.org>\r
          MIME-Version: 1.0\r
          Content-Type: text/plain; charset=utf-8\r
          \r
          The numbers are in.\r
          """, Set.of("\\Flagged"), Instant.parse("2024-03-02T10:30:05Z")),
      new Seed("""
          From: Dave <dave@example.net>\r
          To: alice@example.com\r
          Subject: Meeting notes\r
          Date: Sun, 03 Mar 2024 14:15:00 +0000\r
          Message-ID: <seed3@example.net>\r
          \r
          Notes follow.\r
          """, Set.of(), Instant.parse("2024-03-03T14:15:05Z")));

  static final Seed BOB_MESSAGE = new Seed("""
      From: Alice <alice@example.com>\r
      To: Bob <bob@example.com>\r
      Subject: Hello Bob\r
      Date: Mon, 04 Mar 2024 08:00:00 +0000\r
      Message-ID: <seed4@example.com>\r
      \r
      Hi!\r
      """, Set.of(), Instant.parse("2024-03-04T08:00:05Z"));

  private static Vertx vertx;

  @BeforeAll
  static void startVertx() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void closeVertx() {
    vertx.close().await();
  }

  @TestFactory
  Stream<DynamicTest> conversations() throws IOException, URISyntaxException {
    URL folder = getClass().getClassLoader().getResource("imap/conversations");
    List<Path> scripts;
    try (Stream<Path> files = Files.list(Path.of(folder.toURI()))) {
      scripts = files.filter(path -> path.toString().endsWith(".txt")).sorted().toList();
    }
    assertFalse(scripts.isEmpty(), "no conversation scripts");
    return scripts.stream().map(script -> DynamicTest.dynamicTest(script.getFileName().toString(),
        () -> play(script)));
  }

  private static void play(Path script) throws IOException {
    ImapConversation conversation = ImapConversation.parse(script);
    ImapConversation.Options settings = conversation.options();
    ImapServerOptions options = ImapFixture.options()
        .quota(!settings.quota.equals("off"))
        .maxAppendSize(settings.maxAppendSize)
        .maxErrorsBeforeDisconnect(settings.maxErrorsBeforeDisconnect)
        .maxAuthFailuresPerSession(settings.maxAuthFailuresPerSession);
    OptionalLong aliceLimit = settings.quota.equals("off") ? OptionalLong.empty()
        : OptionalLong.of(Long.parseLong(settings.quota));
    QuotaLimits quotas = account -> account.equals(ImapFixture.ALICE) ? aliceLimit : OptionalLong.empty();
    Path dir = Files.createTempDirectory("imap-conversation");
    try {
      ImapFixture imap = ImapFixture.start(vertx, dir, options, quotas);
      try {
        seed(imap);
        conversation.run(() -> new ImapClient("127.0.0.1", imap.port()));
      } finally {
        imap.close();
      }
    } finally {
      deleteTree(dir);
    }
  }

  private static void seed(ImapFixture imap) {
    for (Seed seed : SEED) {
      append(imap, ImapFixture.ALICE, seed);
    }
    append(imap, ImapFixture.BOB, BOB_MESSAGE);
    assertEquals(List.of(1L, 2L, 3L), imap.uids(ImapFixture.ALICE, "INBOX"));
  }

  private static void append(ImapFixture imap, String account, Seed seed) {
    imap.mailboxes.append(account, "INBOX", seed.flags(), seed.internalDate(),
        Buffer.buffer(seed.text().getBytes(StandardCharsets.UTF_8))).await();
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> {
        try {
          Files.delete(path);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
  }
}
