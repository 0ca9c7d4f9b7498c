package dev.tern.access.imap.internal.search;

import static dev.tern.access.imap.internal.support.Commands.key;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tern.access.imap.internal.codec.SearchKey;
import dev.tern.access.imap.internal.fetch.FetchEngine;
import dev.tern.access.imap.internal.fetch.FetchRequest;
import dev.tern.access.imap.internal.message.MessageView;
import dev.tern.access.imap.internal.mime.StructureCache;
import dev.tern.access.imap.internal.support.Commands;
import dev.tern.access.imap.internal.support.MailboxFixture;
import dev.tern.access.imap.internal.support.RecordingWriteStream;
import dev.tern.access.mailbox.FlagMode;
import dev.tern.access.mailbox.Flags;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Every SEARCH key matching and not matching, on real messages in a real store. */
@ExtendWith(VertxExtension.class)
class SearchEngineTest {

  /** UID 1: plain text, seen; written late on 5 March in -0800, which is 6 March in UTC. */
  static final String REPORT = """
      From: Alice <alice@example.com>
      To: Bob <bob@example.org>
      Cc: carol@example.net
      Subject: Quarterly report
      Date: Tue, 5 Mar 2024 23:30:00 -0800
      X-Priority: 1

      The numbers are in.
      """;

  /** UID 2: encoded-word subject and sender, base64 UTF-8 body. */
  static final String ENCODED = """
      From: =?UTF-8?B?SsO8cmdlbg==?= <juergen@example.de>
      To: alice@example.com
      Subject: =?ISO-8859-1?Q?Caf=E9_cr=E8me?= tonight
      Date: 1 Feb 2024 08:00:00 +0100
      MIME-Version: 1.0
      Content-Type: text/plain; charset=utf-8
      Content-Transfer-Encoding: base64

      """ + Base64.getMimeEncoder().encodeToString("Viele Grüße aus München!\n".getBytes(StandardCharsets.UTF_8))
      + "\n";

  /** UID 3: quoted-printable ISO-8859-1 body, flagged and answered. */
  static final String QUOTED = """
      From: bob@example.org
      Subject: summer
      Date: Sat, 20 Jul 2024 12:00:00 +0000 (UTC)
      MIME-Version: 1.0
      Content-Type: text/plain; charset=ISO-8859-1
      Content-Transfer-Encoding: quoted-printable

      l'=E9t=E9 est chaud, voil=E0 tout. A very long line that is soft-=
      broken here.
      """;

  /** UID 4: multipart with html, an attachment holding a word, and an encapsulated message. */
  static final String MIXED = """
      From: dave@example.com
      Subject: bundle
      MIME-Version: 1.0
      Content-Type: multipart/mixed; boundary="m"

      --m
      Content-Type: text/html; charset=us-ascii

      <p>Hello <b>HTML</b></p>
      --m
      Content-Type: application/octet-stream
      Content-Transfer-Encoding: base64

      """ + Base64.getEncoder().encodeToString("secretword".getBytes(StandardCharsets.US_ASCII)) + """

      --m
      Content-Type: message/rfc822

      From: erin@example.com
      Subject: nested topic

      inner words
      --m--
      """;

  @TempDir
  Path root;
  Vertx vertx;
  MailboxFixture mailbox;
  StructureCache cache;
  SearchEngine engine;
  List<MessageView> views;

  @BeforeEach
  void setUp(Vertx vertx) {
    this.vertx = vertx;
    mailbox = new MailboxFixture(vertx, root);
    cache = new StructureCache(100);
    engine = new SearchEngine(vertx, mailbox.store(), cache);
    mailbox.append(REPORT, Set.of(Flags.SEEN, "$Work"), Instant.parse("2024-03-06T07:30:00Z"));
    mailbox.append(ENCODED, Set.of(), Instant.parse("2024-02-01T07:00:00Z"));
    mailbox.append(QUOTED, Set.of(Flags.FLAGGED, Flags.ANSWERED, Flags.SEEN), Instant.parse("2024-07-20T12:00:00Z"));
    mailbox.append(MIXED, Set.of(Flags.DELETED, Flags.DRAFT), Instant.parse("2024-08-01T00:00:00Z"));
    views = mailbox.views();
  }

  @AfterEach
  void tearDown() {
    mailbox.close();
  }

  private List<Long> uids(String keys) {
    return uids(key(keys));
  }

  private List<Long> uids(SearchKey key) {
    return uids(views, key);
  }

  private List<Long> uids(List<MessageView> in, SearchKey key) {
    long uidValidity = mailbox.uidValidity();
    List<MessageView> found = mailbox.onEventLoop(() -> engine.search(MailboxFixture.ACCOUNT, MailboxFixture.INBOX,
        uidValidity, in, key));
    return found.stream().map(MessageView::uid).toList();
  }

  @Test
  void flagsAndKeywords() {
    assertEquals(List.of(1L, 3L), uids("SEEN"));
    assertEquals(List.of(2L, 4L), uids("UNSEEN"));
    assertEquals(List.of(3L), uids("ANSWERED"));
    assertEquals(List.of(1L, 2L, 4L), uids("UNANSWERED"));
    assertEquals(List.of(3L), uids("FLAGGED"));
    assertEquals(List.of(1L, 2L, 4L), uids("UNFLAGGED"));
    assertEquals(List.of(4L), uids("DELETED"));
    assertEquals(List.of(1L, 2L, 3L), uids("UNDELETED"));
    assertEquals(List.of(4L), uids("DRAFT"));
    assertEquals(List.of(1L, 2L, 3L), uids("UNDRAFT"));
    assertEquals(List.of(1L), uids("KEYWORD $work"));
    assertEquals(List.of(2L, 3L, 4L), uids("UNKEYWORD $Work"));
    assertEquals(List.of(), uids("KEYWORD $Other"));
    // only UID 2 was delivered without flags, into new/: recent
    assertEquals(List.of(2L), uids("RECENT"));
    assertEquals(List.of(2L), uids("NEW"));
    assertEquals(List.of(1L, 3L, 4L), uids("OLD"));
    assertEquals(List.of(1L, 2L, 3L, 4L), uids("ALL"));
    assertEquals(0, mailbox.opens());
  }

  @Test
  void addressAndSubjectHeaders() {
    assertEquals(List.of(1L), uids("FROM alice"));
    assertEquals(List.of(1L, 3L), uids("OR FROM ALICE FROM bob@EXAMPLE"));
    assertEquals(List.of(1L), uids("TO bob@EXAMPLE"));
    assertEquals(List.of(1L), uids("CC carol"));
    assertEquals(List.of(), uids("BCC carol"));
    assertEquals(List.of(1L), uids("SUBJECT \"quarterly REPORT\""));
    assertEquals(List.of(), uids("SUBJECT numbers"));
    assertEquals(List.of(2L), uids("TO alice@example.com"));
  }

  @Test
  void headerFieldContainsAndEmptyStringMeansPresent() {
    assertEquals(List.of(1L), uids("HEADER X-Priority 1"));
    assertEquals(List.of(), uids("HEADER X-Priority 2"));
    assertEquals(List.of(1L), uids("HEADER x-priority \"\""));
    assertEquals(List.of(2L, 3L, 4L), uids("HEADER MIME-Version \"\""));
    assertEquals(List.of(), uids("HEADER X-Missing \"\""));
    assertEquals(List.of(2L, 3L, 4L), uids("NOT HEADER X-Priority \"\""));
  }

  @Test
  void encodedWordsAreDecodedBeforeMatching() {
    assertEquals(List.of(2L), uids(new SearchKey.Header("SUBJECT", "café crème")));
    assertEquals(List.of(2L), uids(new SearchKey.Header("SUBJECT", "CAFÉ")));
    assertEquals(List.of(2L), uids(new SearchKey.Header("FROM", "jürgen")));
    assertEquals(List.of(), uids("SUBJECT ISO-8859-1"));
  }

  @Test
  void bodyIsSearchedDecodedInTextPartsOnly() {
    assertEquals(List.of(1L), uids("BODY numbers"));
    assertEquals(List.of(2L), uids(new SearchKey.Contains(false, "MÜNCHEN")));
    assertEquals(List.of(3L), uids(new SearchKey.Contains(false, "l'été est")));
    assertEquals(List.of(3L), uids(new SearchKey.Contains(false, "VOILÀ")));
    assertEquals(List.of(3L), uids("BODY \"soft-broken here\""));
    assertEquals(List.of(), uids("BODY =E9t"));
    assertEquals(List.of(4L), uids("BODY \"hello <b>html\""));
    assertEquals(List.of(), uids("BODY secretword"));
    assertEquals(List.of(), uids("BODY quarterly"));
    assertEquals(List.of(4L), uids("BODY \"inner words\""));
    assertEquals(List.of(4L), uids("BODY \"nested topic\""));
    assertEquals(List.of(), uids("BODY \"content-type: text/html\""));
    assertEquals(List.of(1L, 2L, 3L, 4L), uids("BODY \"\""));
  }

  @Test
  void textCoversHeaderAndBody() {
    assertEquals(List.of(1L), uids("TEXT quarterly"));
    assertEquals(List.of(1L), uids("TEXT numbers"));
    assertEquals(List.of(4L), uids("TEXT \"nested topic\""));
    assertEquals(List.of(2L), uids(new SearchKey.Contains(true, "crème")));
    assertEquals(List.of(), uids("TEXT absent-everywhere"));
  }

  @Test
  void internalDatesCompareTheirUtcDay() {
    assertEquals(List.of(1L), uids("ON 6-Mar-2024"));
    assertEquals(List.of(), uids("ON 5-Mar-2024"));
    assertEquals(List.of(1L, 2L), uids("BEFORE 20-Jul-2024"));
    assertEquals(List.of(3L, 4L), uids("SINCE 20-Jul-2024"));
    assertEquals(0, mailbox.opens());
  }

  @Test
  void sentDatesUseTheDateHeaderAsWritten() {
    assertEquals(List.of(1L), uids("SENTON 5-Mar-2024"));
    assertEquals(List.of(), uids("SENTON 6-Mar-2024 FROM alice"));
    assertEquals(List.of(2L), uids("SENTBEFORE 5-Mar-2024"));
    assertEquals(List.of(1L, 3L, 4L), uids("SENTSINCE 5-Mar-2024"));
    // UID 4 has no Date: its internal date stands in
    assertEquals(List.of(4L), uids("SENTON 1-Aug-2024"));
  }

  @Test
  void sizesAndModSeq() {
    long size = views.get(0).summary().size();
    assertEquals(List.of(1L), uids("LARGER " + (size - 1) + " SMALLER " + (size + 1)));
    assertEquals(List.of(), uids("LARGER " + size + " SMALLER " + size));
    long modSeq = views.get(2).summary().modSeq();
    List<Long> atLeast = views.stream().filter(v -> v.summary().modSeq() >= modSeq).map(MessageView::uid).toList();
    assertEquals(atLeast, uids("MODSEQ " + modSeq));
    assertEquals(List.of(), uids("MODSEQ " + (modSeq + 1000)));
    assertEquals(0, mailbox.opens());
  }

  @Test
  void sequenceAndUidSetsWithStar() {
    assertEquals(List.of(2L, 3L, 4L), uids("2:*"));
    assertEquals(List.of(4L), uids("*"));
    assertEquals(List.of(1L, 3L), uids("1,3"));
    assertEquals(List.of(4L), uids("UID 100:*"));
    assertEquals(List.of(2L, 3L), uids("UID 2:3"));
    assertEquals(List.of(1L, 4L), uids("NOT 2:3"));
    // a view that is not the whole mailbox: * is its highest number
    assertEquals(List.of(2L), uids(views.subList(0, 2), key("*")));
    assertEquals(List.of(2L), uids(views.subList(0, 2), key("UID *")));
  }

  @Test
  void notAndOrNest() {
    assertEquals(List.of(1L, 3L, 4L), uids("OR SEEN OR DELETED FROM nobody"));
    assertEquals(List.of(2L), uids("NOT OR SEEN DELETED"));
    assertEquals(List.of(1L, 4L), uids("OR (SEEN HEADER X-Priority \"\") (UNSEEN NOT BODY gruesse NOT TO alice)"));
    assertEquals(List.of(3L), uids("FLAGGED NOT OR BODY numbers SUBJECT report"));
    assertEquals(List.of(1L, 2L), uids("OR BODY numbers NOT (OR FLAGGED DELETED)"));
  }

  @Test
  void contentIsReadOnlyWhereTheSummaryCannotDecide() {
    assertEquals(List.of(3L), uids("FLAGGED BODY chaud"));
    assertEquals(1, mailbox.opens());
    assertEquals(List.of(), uids("KEYWORD $None TEXT anything"));
    assertEquals(1, mailbox.opens());
    assertEquals(List.of(1L, 2L, 3L, 4L), uids("OR ALL BODY anything"));
    assertEquals(1, mailbox.opens());
  }

  @Test
  void cachedStructuresAnswerHeaderKeysWithoutReading() {
    FetchEngine fetch = new FetchEngine(vertx, mailbox.store(), cache);
    RecordingWriteStream out = new RecordingWriteStream();
    FetchRequest envelopes = new FetchRequest(MailboxFixture.ACCOUNT, MailboxFixture.INBOX, mailbox.uidValidity(),
        views, Commands.items("ENVELOPE"), false, Set.of());
    mailbox.onEventLoop(() -> fetch.fetch(envelopes, out));
    int opens = mailbox.opens();
    assertEquals(List.of(1L), uids("SUBJECT quarterly"));
    assertEquals(List.of(2L), uids(new SearchKey.Header("SUBJECT", "café")));
    assertEquals(List.of(1L), uids("SENTON 5-Mar-2024"));
    assertEquals(List.of(1L), uids("HEADER X-Priority \"\""));
    assertEquals(opens, mailbox.opens());
    // a field the structure keeps no value of needs the message, unless the structure shows it absent
    assertEquals(List.of(1L), uids("HEADER X-Priority 1"));
    assertEquals(opens + 1, mailbox.opens());
  }

  @Test
  void anExpungedMessageDoesNotMatch() {
    MailboxFixture.await(mailbox.store().expunge(MailboxFixture.ACCOUNT, MailboxFixture.INBOX, Optional.empty()));
    // UID 4 (\Deleted) is gone from the store but still in the session's view
    assertEquals(List.of(1L, 2L), uids("OR BODY numbers OR BODY \"inner words\" FROM juergen"));
    assertEquals(List.of(4L), uids("DELETED"));
  }

  @Test
  void odditiesOfRealMailDoNotStopTheSearch() {
    ByteArrayOutputStream latin1 = new ByteArrayOutputStream();
    latin1.writeBytes(("From: x@example.com\r\nSubject: Caf\u00e9 8-bit\r\nDate: not a date\r\n"
        + "Content-Type: text/plain; charset=iso-8859-1\r\n\r\nFran\u00e7ais\r\n").getBytes(StandardCharsets.ISO_8859_1));
    mailbox.appendBytes(latin1.toByteArray(), Set.of(), Instant.parse("2024-09-09T09:00:00Z"));
    mailbox.append("Subject: odd charset\nContent-Type: text/plain; charset=x-unknown-charset\n\nplain ascii words\n");
    mailbox.append("Subject: broken\nContent-Type: multipart/mixed; boundary=zz\n\n--zz\nContent-Type: text/plain\n\n"
        + "never closed part\n");
    views = mailbox.views();
    assertEquals(List.of(5L), uids(new SearchKey.Contains(false, "français")));
    assertEquals(List.of(5L), uids(new SearchKey.Header("SUBJECT", "café 8")));
    assertEquals(List.of(5L), uids(new SearchKey.Date(true, SearchKey.DateComparison.ON, LocalDate.of(2024, 9, 9))));
    assertEquals(List.of(6L), uids("BODY \"ascii words\""));
    assertEquals(List.of(7L), uids("BODY \"never closed\""));
  }

  @Test
  void aMessageTooBigForMemoryIsScannedAsAStream() {
    StringBuilder big = new StringBuilder("Subject: huge\nContent-Type: text/plain\n\n");
    String line = "filler text that does not matter at all, repeated many times over\n";
    while (big.length() < 3 * 1024 * 1024) {
      big.append(line);
    }
    big.append("the needle at the very end\n");
    mailbox.append(big.toString());
    views = mailbox.views();
    assertEquals(List.of(5L), uids("BODY \"needle at the very\""));
    assertEquals(List.of(5L), uids("SUBJECT huge"));
    assertEquals(List.of(), uids("BODY \"no such needle\" SUBJECT huge"));
  }

  @Test
  void anEmptyViewMatchesNothing() {
    assertEquals(List.of(), uids(List.of(), key("ALL")));
    assertEquals(List.of(), uids(List.of(), key("*")));
  }

  @Test
  void flagsChangedAfterTheViewWasTakenAreNotSeen() {
    MailboxFixture.await(mailbox.store().updateFlags(MailboxFixture.ACCOUNT, MailboxFixture.INBOX, List.of(2L),
        FlagMode.ADD, Set.of(Flags.FLAGGED), OptionalLong.empty()));
    // the session's view decides, not the store: the handler refreshes views when it announces changes
    assertEquals(List.of(3L), uids("FLAGGED"));
    assertEquals(List.of(2L, 3L), uids(mailbox.views(), key("FLAGGED")));
  }
}
