package dev.tern.access.imap.internal.fetch;

import static dev.tern.access.imap.internal.support.Commands.items;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tern.access.imap.internal.message.MessageLoader;
import dev.tern.access.imap.internal.message.MessageView;
import dev.tern.access.imap.internal.mime.StructureCache;
import dev.tern.access.imap.internal.support.MailboxFixture;
import dev.tern.access.imap.internal.support.RecordingWriteStream;
import dev.tern.access.mailbox.Flags;
import dev.tern.access.mailbox.MessageSummary;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Big messages, many messages and a slow reader: output stays correct while memory and writes stay bounded. */
@ExtendWith(VertxExtension.class)
class FetchStreamingTest {

  private static final int BIG_PART = 20 * 1024 * 1024;

  @TempDir
  Path root;
  Vertx vertx;
  MailboxFixture mailbox;
  StructureCache cache;
  FetchEngine engine;

  @BeforeEach
  void setUp(Vertx vertx) {
    this.vertx = vertx;
    mailbox = new MailboxFixture(vertx, root);
    cache = new StructureCache(20_000);
    engine = new FetchEngine(vertx, mailbox.store(), cache);
  }

  @AfterEach
  void tearDown() {
    mailbox.close();
  }

  private FetchOutcome fetch(List<MessageView> views, String items, boolean byUid, RecordingWriteStream out) {
    FetchRequest request = new FetchRequest(MailboxFixture.ACCOUNT, MailboxFixture.INBOX, mailbox.uidValidity(),
        views, items(items), byUid, Set.of());
    return mailbox.onEventLoop(() -> engine.fetch(request, out));
  }

  /** A multipart message whose second part is 20 MiB of base64-like lines. */
  private static byte[] bigMessage() {
    ByteArrayOutputStream out = new ByteArrayOutputStream(BIG_PART + 1024);
    out.writeBytes(("Subject: big\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"x\"\r\n\r\n"
        + "--x\r\nContent-Type: text/plain\r\n\r\nsee attachment\r\n--x\r\n"
        + "Content-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII));
    byte[] line = new byte[78];
    for (int written = 0, n = 0; written < BIG_PART; written += 78, n++) {
      for (int i = 0; i < 76; i++) {
        line[i] = (byte) "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".charAt((i + n) % 64);
      }
      line[76] = '\r';
      line[77] = '\n';
      out.writeBytes(line);
    }
    out.writeBytes("--x--\r\n".getBytes(StandardCharsets.US_ASCII));
    return out.toByteArray();
  }

  private static int indexOf(byte[] haystack, String needle) {
    byte[] n = needle.getBytes(StandardCharsets.US_ASCII);
    outer:
    for (int i = 0; i <= haystack.length - n.length; i++) {
      for (int j = 0; j < n.length; j++) {
        if (haystack[i + j] != n[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static byte[] concat(String prefix, byte[] middle, String suffix) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(prefix.getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(middle);
    out.writeBytes(suffix.getBytes(StandardCharsets.US_ASCII));
    return out.toByteArray();
  }

  @Test
  void twentyMebibyteMessageIsStreamedInBoundedWrites() {
    byte[] raw = bigMessage();
    mailbox.appendBytes(raw, Set.of(), MailboxFixture.DATE);
    List<MessageView> views = mailbox.views();
    assertFalse(MessageLoader.fitsInMemory(views.get(0).summary().size()));

    RecordingWriteStream whole = new RecordingWriteStream().queueLimit(512 * 1024).autoDrain(vertx);
    assertEquals(1, fetch(views, "BODY.PEEK[]", false, whole).messagesSent());
    assertArrayEquals(concat("* 1 FETCH (BODY[] {" + raw.length + "}\r\n", raw, ")\r\n"), whole.bytes());
    assertTrue(whole.maxWrite() <= ResponseWriter.FLUSH_AT, "largest write " + whole.maxWrite());
    assertTrue(whole.maxQueued() <= 512 * 1024 + 2 * ResponseWriter.FLUSH_AT, "queued " + whole.maxQueued());
    assertTrue(whole.fullReports() > 0);
    assertFalse(whole.wroteOffEventLoop());
  }

  @Test
  void sectionsAndPartialsOfABigMessageReadOnlyWhatTheyNeed() {
    byte[] raw = bigMessage();
    mailbox.appendBytes(raw, Set.of(), MailboxFixture.DATE);
    List<MessageView> views = mailbox.views();
    int partStart = indexOf(raw, "base64\r\n\r\n") + "base64\r\n\r\n".length();
    int partEnd = indexOf(raw, "\r\n--x--");
    byte[] part = Arrays.copyOfRange(raw, partStart, partEnd);
    int header = indexOf(raw, "\r\n\r\n") + 4;

    RecordingWriteStream out = new RecordingWriteStream();
    fetch(views, "(BODY.PEEK[HEADER] BODY.PEEK[1] BODY.PEEK[2]<1000.50> BODY.PEEK[]<20000000.10> "
        + "BODYSTRUCTURE RFC822.SIZE)", false, out);
    String expected = "* 1 FETCH (BODY[HEADER] {" + header + "}\r\n" + new String(raw, 0, header, StandardCharsets.US_ASCII)
        + " BODY[1] {14}\r\nsee attachment BODY[2]<1000> {50}\r\n" + new String(part, 1000, 50, StandardCharsets.US_ASCII)
        + " BODY[]<20000000> {10}\r\n" + new String(raw, 20_000_000, 10, StandardCharsets.US_ASCII)
        + " BODYSTRUCTURE ((\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 14 1 NIL NIL NIL NIL)"
        + "(\"application\" \"octet-stream\" NIL NIL NIL \"base64\" " + part.length + " NIL NIL NIL NIL) \"mixed\" "
        + "(\"boundary\" \"x\") NIL NIL NIL) RFC822.SIZE " + raw.length + ")\r\n";
    assertEquals(expected, out.text());
    assertTrue(out.maxWrite() <= ResponseWriter.FLUSH_AT);

    RecordingWriteStream wholePart = new RecordingWriteStream(false);
    fetch(views, "BODY.PEEK[2]", false, wholePart);
    assertEquals(("* 1 FETCH (BODY[2] {" + part.length + "}\r\n").length() + part.length + 3, wholePart.total());
    assertTrue(wholePart.maxWrite() <= ResponseWriter.FLUSH_AT);
  }

  @Test
  void tenThousandMessagesInBatchedWrites() throws IOException {
    int count = 10_000;
    Path cur = mailbox.inboxDirectory().resolve("cur");
    mailbox.snapshot(); // creates the Maildir
    for (int i = 1; i <= count; i++) {
      Path file = cur.resolve(String.format("1700000000.M%05dP1.test:2,S", i));
      Files.write(file, MailboxFixture.crlf("From: sender" + i + "@example.com\nSubject: message " + i
          + "\n\nbody of message " + i + "\n"));
      Files.setLastModifiedTime(file, FileTime.fromMillis(1_700_000_000_000L + i * 1000L));
    }
    List<MessageView> views = mailbox.views();
    assertEquals(count, views.size());

    RecordingWriteStream envelopes = new RecordingWriteStream();
    assertEquals(count, fetch(views, "(FLAGS RFC822.SIZE ENVELOPE)", true, envelopes).messagesSent());
    StringBuilder expected = new StringBuilder();
    for (MessageView view : views) {
      int n = (int) (view.uid());
      String from = "((NIL NIL \"sender" + n + "\" \"example.com\"))";
      expected.append("* ").append(view.sequence()).append(" FETCH (UID ").append(view.uid())
          .append(" FLAGS (\\Seen) RFC822.SIZE ").append(view.summary().size()).append(" ENVELOPE (NIL \"message ")
          .append(n).append("\" ").append(from).append(' ').append(from).append(' ').append(from)
          .append(" NIL NIL NIL NIL NIL))\r\n");
    }
    assertEquals(expected.toString(), envelopes.text());
    assertEquals(count, mailbox.opens());

    // structures are cached now: the same FETCH is answered from memory, in 64 KiB writes
    RecordingWriteStream again = new RecordingWriteStream();
    fetch(views, "(FLAGS RFC822.SIZE ENVELOPE)", true, again);
    assertEquals(expected.toString(), again.text());
    assertEquals(count, mailbox.opens());
    assertEquals((again.total() + ResponseWriter.FLUSH_AT - 1) / ResponseWriter.FLUSH_AT, again.writes());

    RecordingWriteStream bodies = new RecordingWriteStream().queueLimit(64 * 1024).autoDrain(vertx);
    assertEquals(count, fetch(views, "BODY.PEEK[]", false, bodies).messagesSent());
    assertTrue(bodies.fullReports() > 0);
    String text = bodies.text();
    assertTrue(text.startsWith("* 1 FETCH (BODY[] {"));
    String last = "From: sender10000@example.com\r\nSubject: message 10000\r\n\r\nbody of message 10000\r\n";
    assertTrue(text.endsWith("* 10000 FETCH (BODY[] {" + last.length() + "}\r\n" + last + ")\r\n"));
    assertEquals(count, text.split("\\* \\d+ FETCH \\(BODY\\[\\] \\{").length - 1);
    assertTrue(bodies.maxQueued() <= 64 * 1024 + 2 * ResponseWriter.FLUSH_AT, "queued " + bodies.maxQueued());
  }

  @Test
  void aHundredThousandSummaryResponsesWaitForTheReader() {
    List<MessageView> views = new ArrayList<>();
    for (int i = 1; i <= 100_000; i++) {
      views.add(new MessageView(i, new MessageSummary(i, Set.of(Flags.SEEN), 1000 + i,
          Instant.parse("2024-01-01T00:00:00Z"), i, false)));
    }
    RecordingWriteStream out = new RecordingWriteStream(false).queueLimit(128 * 1024).autoDrain(vertx);
    FetchOutcome outcome = fetch(views, "(FLAGS RFC822.SIZE MODSEQ)", true, out);
    assertEquals(100_000, outcome.messagesSent());
    long expectedBytes = 0;
    for (MessageView view : views) {
      expectedBytes += ("* " + view.sequence() + " FETCH (UID " + view.uid() + " FLAGS (\\Seen) RFC822.SIZE "
          + view.summary().size() + " MODSEQ (" + view.summary().modSeq() + "))\r\n").length();
    }
    assertEquals(expectedBytes, out.total());
    assertTrue(out.fullReports() > 0);
    assertTrue(out.maxQueued() <= 128 * 1024 + ResponseWriter.FLUSH_AT, "queued " + out.maxQueued());
    assertEquals(0, mailbox.opens());
  }

  @Test
  void aReaderThatNeverDrainsHoldsTheFetchWithoutBufferingEverything() {
    for (int i = 0; i < 50; i++) {
      mailbox.append("Subject: " + i + "\n\n" + "0123456789".repeat(1000) + "\n");
    }
    RecordingWriteStream out = new RecordingWriteStream(false).queueLimit(32 * 1024);
    FetchRequest request = new FetchRequest(MailboxFixture.ACCOUNT, MailboxFixture.INBOX, mailbox.uidValidity(),
        mailbox.views(), items("BODY.PEEK[]"), false, Set.of());
    io.vertx.core.Promise<FetchOutcome> result = io.vertx.core.Promise.promise();
    vertx.getOrCreateContext().runOnContext(v -> engine.fetch(request, out).onComplete(result));
    // no drain: the fetch must stop once the queue is full, far short of the 500 KB of output
    MailboxFixture.await(vertx.timer(300));
    assertFalse(result.future().isComplete());
    assertTrue(out.total() <= 32 * 1024 + 2 * ResponseWriter.FLUSH_AT, "wrote " + out.total());
    out.autoDrain(vertx);
    vertx.runOnContext(v -> out.drain());
    assertEquals(50, MailboxFixture.await(result.future()).messagesSent());
  }
}
