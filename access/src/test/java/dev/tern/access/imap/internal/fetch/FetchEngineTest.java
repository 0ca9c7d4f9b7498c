package dev.tern.access.imap.internal.fetch;

import static dev.tern.access.imap.internal.support.Commands.items;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tern.access.imap.internal.message.MessageView;
import dev.tern.access.imap.internal.mime.StructureCache;
import dev.tern.access.imap.internal.support.MailboxFixture;
import dev.tern.access.imap.internal.support.RecordingWriteStream;
import dev.tern.access.mailbox.FlagMode;
import dev.tern.access.mailbox.Flags;
import dev.tern.access.mailbox.MessageSummary;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** FETCH responses byte for byte, for a multipart message with a message/rfc822 part inside. */
@ExtendWith(VertxExtension.class)
class FetchEngineTest {

  static final String MULTIPART = """
      From: Alice <alice@example.com>
      To: bob@example.org
      Subject: =?UTF-8?Q?caf=C3=A9?= report
      Date: Tue, 5 Mar 2024 10:00:00 +0100
      Message-ID: <m1@example.com>
      MIME-Version: 1.0
      Content-Type: multipart/mixed; boundary="b1"

      --b1
      Content-Type: text/plain; charset=utf-8

      Hello Bob.
      --b1
      Content-Type: message/rfc822

      From: Carol <carol@example.net>
      Subject: inner
      Content-Type: multipart/alternative; boundary="b2"

      --b2
      Content-Type: text/plain

      inner plain
      --b2
      Content-Type: text/html

      <b>inner</b>
      --b2--
      --b1--
      """;

  /** The stored message (CRLF) and the pieces the sections must produce. */
  static final String RAW = MULTIPART.replace("\n", "\r\n");
  static final String HEADER = RAW.substring(0, RAW.indexOf("\r\n\r\n") + 4);
  static final String TEXT = RAW.substring(HEADER.length());
  static final String INNER = RAW.substring(RAW.indexOf("From: Carol"), RAW.indexOf("\r\n--b1--"));
  static final String INNER_HEADER = INNER.substring(0, INNER.indexOf("\r\n\r\n") + 4);
  static final String INNER_TEXT = INNER.substring(INNER_HEADER.length());

  static final String ENVELOPE = "(\"Tue, 5 Mar 2024 10:00:00 +0100\" \"=?UTF-8?Q?caf=C3=A9?= report\" "
      + "((\"Alice\" NIL \"alice\" \"example.com\")) ((\"Alice\" NIL \"alice\" \"example.com\")) "
      + "((\"Alice\" NIL \"alice\" \"example.com\")) ((NIL NIL \"bob\" \"example.org\")) NIL NIL NIL "
      + "\"<m1@example.com>\")";
  static final String CAROL = "((\"Carol\" NIL \"carol\" \"example.net\"))";
  static final String INNER_ENVELOPE = "(NIL \"inner\" " + CAROL + " " + CAROL + " " + CAROL + " NIL NIL NIL NIL NIL)";
  static final long INNER_LINES = INNER.chars().filter(c -> c == '\n').count() + 1;
  static final String INNER_BODYSTRUCTURE = "((\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 11 1 NIL NIL NIL NIL)"
      + "(\"text\" \"html\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 12 1 NIL NIL NIL NIL) \"alternative\" "
      + "(\"boundary\" \"b2\") NIL NIL NIL)";
  static final String BODYSTRUCTURE = "((\"text\" \"plain\" (\"charset\" \"utf-8\") NIL NIL \"7bit\" 10 1 NIL NIL NIL NIL)"
      + "(\"message\" \"rfc822\" NIL NIL NIL \"7bit\" " + INNER.length() + " " + INNER_ENVELOPE + " "
      + INNER_BODYSTRUCTURE + " " + INNER_LINES + " NIL NIL NIL NIL) \"mixed\" (\"boundary\" \"b1\") NIL NIL NIL)";
  static final String BODY = "((\"text\" \"plain\" (\"charset\" \"utf-8\") NIL NIL \"7bit\" 10 1)"
      + "(\"message\" \"rfc822\" NIL NIL NIL \"7bit\" " + INNER.length() + " " + INNER_ENVELOPE + " "
      + "((\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 11 1)"
      + "(\"text\" \"html\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 12 1) \"alternative\") " + INNER_LINES + ") \"mixed\")";

  @TempDir
  Path root;
  MailboxFixture mailbox;
  StructureCache cache;
  FetchEngine engine;

  @BeforeEach
  void setUp(Vertx vertx) {
    mailbox = new MailboxFixture(vertx, root);
    cache = new StructureCache(1000);
    engine = new FetchEngine(vertx, mailbox.store(), cache);
  }

  @AfterEach
  void tearDown() {
    mailbox.close();
  }

  private String fetch(String items) {
    return fetch(mailbox.views(), items, false, Set.of());
  }

  private String fetch(List<MessageView> views, String items, boolean byUid, Set<Long> addFlagsFor) {
    RecordingWriteStream out = new RecordingWriteStream();
    FetchOutcome outcome = run(views, items, byUid, addFlagsFor, out);
    assertEquals(views.size(), outcome.messagesSent());
    assertFalse(out.wroteOffEventLoop());
    return out.text();
  }

  private FetchOutcome run(List<MessageView> views, String items, boolean byUid, Set<Long> addFlagsFor,
                           RecordingWriteStream out) {
    FetchRequest request = new FetchRequest(MailboxFixture.ACCOUNT, MailboxFixture.INBOX, mailbox.uidValidity(),
        views, items(items), byUid, addFlagsFor);
    return mailbox.onEventLoop(() -> engine.fetch(request, out));
  }

  private static String literal(String octets) {
    return "{" + octets.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + "}\r\n" + octets;
  }

  @Test
  void everySummaryAndStructureItem() {
    mailbox.append(MULTIPART, Set.of(Flags.SEEN, Flags.FLAGGED, "$Work"), Instant.parse("2024-03-05T09:00:00Z"));
    MessageSummary summary = mailbox.views().get(0).summary();
    assertEquals("* 1 FETCH (FLAGS (\\Flagged \\Seen $Work) INTERNALDATE \" 5-Mar-2024 09:00:00 +0000\" "
            + "RFC822.SIZE " + RAW.length() + " ENVELOPE " + ENVELOPE + " BODY " + BODY + " BODYSTRUCTURE "
            + BODYSTRUCTURE + " UID 1 MODSEQ (" + summary.modSeq() + "))\r\n",
        fetch("(FLAGS INTERNALDATE RFC822.SIZE ENVELOPE BODY BODYSTRUCTURE UID MODSEQ)"));
  }

  @Test
  void rfc822ItemsAreTheWholeMessageItsHeaderAndItsText() {
    mailbox.append(MULTIPART);
    assertEquals("* 1 FETCH (RFC822.HEADER " + literal(HEADER) + " RFC822.TEXT " + literal(TEXT) + " RFC822 "
        + literal(RAW) + ")\r\n", fetch("(RFC822.HEADER RFC822.TEXT RFC822)"));
  }

  @Test
  void bodySectionsByPartNumber() {
    mailbox.append(MULTIPART);
    assertEquals("* 1 FETCH (BODY[] " + literal(RAW) + " BODY[HEADER] " + literal(HEADER) + " BODY[TEXT] "
            + literal(TEXT) + " BODY[1] " + literal("Hello Bob.") + " BODY[1.MIME] "
            + literal("Content-Type: text/plain; charset=utf-8\r\n\r\n") + ")\r\n",
        fetch("(BODY[] BODY[HEADER] BODY[TEXT] BODY[1] BODY[1.MIME])"));
  }

  @Test
  void messageRfc822PartHasHeaderTextAndParts() {
    mailbox.append(MULTIPART);
    assertEquals("* 1 FETCH (BODY[2] " + literal(INNER) + " BODY[2.HEADER] " + literal(INNER_HEADER)
            + " BODY[2.TEXT] " + literal(INNER_TEXT) + " BODY[2.1] " + literal("inner plain") + " BODY[2.2] "
            + literal("<b>inner</b>") + " BODY[2.2.MIME] " + literal("Content-Type: text/html\r\n\r\n")
            + " BODY[2.MIME] " + literal("Content-Type: message/rfc822\r\n\r\n") + ")\r\n",
        fetch("(BODY.PEEK[2] BODY.PEEK[2.HEADER] BODY.PEEK[2.TEXT] BODY.PEEK[2.1] BODY.PEEK[2.2] "
            + "BODY.PEEK[2.2.MIME] BODY.PEEK[2.MIME])"));
  }

  @Test
  void headerFieldsAndFieldsNot() {
    mailbox.append(MULTIPART);
    assertEquals("* 1 FETCH (BODY[HEADER.FIELDS (SUBJECT FROM)] "
            + literal("From: Alice <alice@example.com>\r\nSubject: =?UTF-8?Q?caf=C3=A9?= report\r\n\r\n")
            + " BODY[HEADER.FIELDS.NOT (FROM TO SUBJECT DATE MESSAGE-ID)] "
            + literal("MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n")
            + " BODY[2.HEADER.FIELDS (subject)] " + literal("Subject: inner\r\n\r\n")
            + " BODY[HEADER.FIELDS (X-NONE)] " + literal("\r\n") + ")\r\n",
        fetch("(BODY.PEEK[HEADER.FIELDS (Subject From)] BODY[HEADER.FIELDS.NOT (From To Subject Date Message-ID)] "
            + "BODY[2.HEADER.FIELDS (subject)] BODY[HEADER.FIELDS (X-None)])").replace("(SUBJECT)", "(subject)"));
  }

  @Test
  void partialsShowTheOriginOnlyAndClipAtTheEnd() {
    mailbox.append(MULTIPART);
    assertEquals("* 1 FETCH (BODY[]<0> " + literal("From: Alice") + " BODY[TEXT]<2> " + literal("b1")
            + " BODY[1]<6> " + literal("Bob.") + " BODY[]<100000> {0}\r\n BODY[2.1]<11> {0}\r\n"
            + " BODY[HEADER.FIELDS (TO)]<17> " + literal("rg\r\n\r\n") + ")\r\n",
        fetch("(BODY.PEEK[]<0.11> BODY[TEXT]<2.2> BODY[1]<6.100> BODY[]<100000.10> BODY[2.1]<11.5> "
            + "BODY[HEADER.FIELDS (To)]<17.100>)"));
  }

  @Test
  void sectionsThatDoNotExistAreNil() {
    mailbox.append(MULTIPART);
    assertEquals("* 1 FETCH (BODY[3] NIL BODY[1.HEADER] NIL BODY[1.2] NIL BODY[9.1.MIME] NIL BODY[2.3.TEXT] NIL "
            + "BODY[1]<0> " + literal("Hello") + ")\r\n",
        fetch("(BODY[3] BODY[1.HEADER] BODY[1.2] BODY[9.1.MIME] BODY[2.3.TEXT] BODY[1]<0.5>)"));
  }

  @Test
  void singlePartMessagePartOneIsItsBody() {
    mailbox.append("Subject: one\n\nline 1\nline 2\n");
    assertEquals("* 1 FETCH (BODY[1] " + literal("line 1\r\nline 2\r\n") + " BODY[1.MIME] "
            + literal("Subject: one\r\n\r\n") + " BODY[2] NIL BODYSTRUCTURE (\"text\" \"plain\" "
            + "(\"charset\" \"us-ascii\") NIL NIL \"7bit\" 16 2 NIL NIL NIL NIL))\r\n",
        fetch("(BODY[1] BODY[1.MIME] BODY[2] BODYSTRUCTURE)"));
  }

  @Test
  void uidFetchPutsUidFirstAndRepeatedItemsAreAnsweredOnce() {
    mailbox.append("Subject: a\n\nA\n");
    mailbox.append("Subject: b\n\nB\n");
    List<MessageView> views = mailbox.views();
    assertEquals("* 1 FETCH (UID 1 RFC822.SIZE 17 BODY[TEXT] {3}\r\nA\r\n)\r\n"
            + "* 2 FETCH (UID 2 RFC822.SIZE 17 BODY[TEXT] {3}\r\nB\r\n)\r\n",
        fetch(views, "(RFC822.SIZE BODY.PEEK[TEXT] RFC822.SIZE BODY[TEXT] UID)", true, Set.of()));
  }

  @Test
  void flagsAreAddedWhereSeenWasJustSetAndRecentIsShown() {
    mailbox.append("Subject: a\n\nA\n");
    mailbox.append("Subject: b\n\nB\n", Set.of("$Later", Flags.ANSWERED), MailboxFixture.DATE);
    List<MessageView> views = mailbox.views();
    assertEquals("* 1 FETCH (BODY[TEXT] {3}\r\nA\r\n FLAGS (\\Seen \\Recent))\r\n"
            + "* 2 FETCH (BODY[TEXT] {3}\r\nB\r\n)\r\n",
        fetch(views, "BODY[TEXT]", false, Set.of(1L)));
    assertEquals("* 2 FETCH (FLAGS (\\Answered \\Seen $Later) UID 2)\r\n",
        fetch(views.subList(1, 2), "(FLAGS UID)", false, Set.of(2L)));
  }

  @Test
  void summaryItemsNeverOpenMessagesAndStructuresComeFromTheCache() {
    mailbox.append(MULTIPART);
    mailbox.append("Subject: two\n\nbody\n");
    fetch("(FLAGS UID RFC822.SIZE INTERNALDATE MODSEQ)");
    assertEquals(0, mailbox.opens());
    String first = fetch("(ENVELOPE BODYSTRUCTURE)");
    assertEquals(2, mailbox.opens());
    assertEquals(2, cache.size());
    assertEquals(first, fetch("(ENVELOPE BODYSTRUCTURE)"));
    assertTrue(fetch("(BODY ENVELOPE)").startsWith("* 1 FETCH (BODY " + BODY + " ENVELOPE " + ENVELOPE + ")\r\n"));
    assertEquals(2, mailbox.opens());
  }

  @Test
  void cachedStructuresAnswerWithoutTouchingTheStore() {
    mailbox.append("Subject: cached\n\nx\n");
    String envelope = fetch("ENVELOPE");
    int opens = mailbox.opens();
    assertEquals(envelope, fetch("ENVELOPE"));
    assertEquals(opens, mailbox.opens());
    assertEquals("* 1 FETCH (ENVELOPE (NIL \"cached\" NIL NIL NIL NIL NIL NIL NIL NIL))\r\n", envelope);
  }

  @Test
  void expungedMessageIsSkippedAndReportedAsVanished() {
    mailbox.append("Subject: a\n\nA\n");
    mailbox.append("Subject: b\n\nB\n");
    mailbox.append("Subject: c\n\nC\n");
    List<MessageView> views = mailbox.views();
    MailboxFixture.await(mailbox.store().updateFlags(MailboxFixture.ACCOUNT, MailboxFixture.INBOX, List.of(2L),
        FlagMode.ADD, Set.of(Flags.DELETED), OptionalLong.empty()));
    MailboxFixture.await(mailbox.store().expunge(MailboxFixture.ACCOUNT, MailboxFixture.INBOX, Optional.empty()));
    RecordingWriteStream out = new RecordingWriteStream();
    FetchOutcome outcome = run(views, "(UID BODY.PEEK[TEXT])", true, Set.of(), out);
    assertEquals(new FetchOutcome(2, List.of(2L)), outcome);
    assertEquals("* 1 FETCH (UID 1 BODY[TEXT] {3}\r\nA\r\n)\r\n* 3 FETCH (UID 3 BODY[TEXT] {3}\r\nC\r\n)\r\n",
        out.text());
    // the summary still answers FLAGS for it: nothing is read
    assertEquals(3, run(views, "FLAGS", false, Set.of(), new RecordingWriteStream()).messagesSent());
  }

  @Test
  void bareLineFeedsFromOtherToolsAreSentAsCrlf() throws IOException {
    mailbox.append("Subject: first\n\nx\n");
    Path cur = mailbox.inboxDirectory().resolve("cur");
    java.nio.file.Files.writeString(cur.resolve("1700000000.M1P1.host:2,S"), "Subject: lf\n\nline\nend\n");
    List<MessageView> views = mailbox.views();
    MessageView adopted = views.get(1);
    String wire = "Subject: lf\r\n\r\nline\r\nend\r\n";
    assertEquals(wire.length(), adopted.summary().size());
    assertEquals("* 2 FETCH (RFC822.SIZE " + wire.length() + " BODY[] " + literal(wire) + " BODY[1] "
            + literal("line\r\nend\r\n") + ")\r\n",
        fetch(List.of(adopted), "(RFC822.SIZE BODY.PEEK[] BODY.PEEK[1])", false, Set.of()));
  }

  @Test
  void aFailedWriteFailsTheFetch() {
    for (int i = 0; i < 5; i++) {
      mailbox.append("Subject: " + i + "\n\n" + "body line\n".repeat(4000));
    }
    RecordingWriteStream out = new RecordingWriteStream();
    out.failWrites(new IOException("connection reset"));
    FetchRequest request = new FetchRequest(MailboxFixture.ACCOUNT, MailboxFixture.INBOX, mailbox.uidValidity(),
        mailbox.views(), items("BODY.PEEK[]"), false, Set.of());
    Throwable failure = mailbox.failureOnEventLoop(() -> engine.fetch(request, out.queueLimit(1)));
    assertInstanceOf(IOException.class, failure);
  }

  @Test
  void requestsWithoutItemsAreRefused() {
    assertThrows(IllegalArgumentException.class,
        () -> new FetchRequest("a@b", "INBOX", 1, List.of(), List.of(), false, Set.of()));
    assertTrue(new FetchRequest("a@b", "INBOX", 1, List.of(), List.of(), true, Set.of()).items().isEmpty());
  }
}
