package dev.tern.benchmarks.micro;

import dev.tern.access.imap.internal.codec.ImapParseResult;
import dev.tern.benchmarks.RealisticMessages;
import io.vertx.core.buffer.Buffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * IMAP command parsing: one operation = a mail client's typical commands, each arriving in its own packet, through
 * {@link ImapCommandReader} (framer and parser): LOGIN, SELECT, the header-list UID FETCH a client opens a folder
 * with, UID SEARCH, UID STORE, and APPEND of a 4 KiB message as a synchronising literal, sent in TCP segments after
 * the command line. Fails unless all six parse and the literal's octets all come out.
 */
@State(Scope.Thread)
public class ImapCommandBenchmark extends MicroSettings {

  static final List<String> COMMANDS = List.of(
      "a001 LOGIN \"bench@bench.example\" \"correct horse battery staple\"\r\n",
      "a002 SELECT INBOX\r\n",
      "a003 UID FETCH 1:* (UID RFC822.SIZE FLAGS BODY.PEEK[HEADER.FIELDS (From To Cc Bcc Subject Date Message-ID"
          + " Priority X-Priority References Newsgroups In-Reply-To Content-Type Reply-To)])\r\n",
      "a004 UID SEARCH UNDELETED SINCE 1-Nov-2026 FROM \"fischer\"\r\n",
      "a005 UID STORE 1201:1210,1215 +FLAGS.SILENT (\\Seen \\Answered)\r\n");
  static final int SEGMENT_BYTES = 1448;

  private List<Buffer> packets;
  private int literalBytes;
  private ImapCommandReader reader;

  @Setup
  public void prepare() {
    byte[] message = new RealisticMessages(11).message(RealisticMessages.Shape.PLAIN, 4096);
    literalBytes = message.length;
    packets = new ArrayList<>();
    for (String command : COMMANDS) {
      packets.add(Buffer.buffer(command));
    }
    packets.add(Buffer.buffer("a006 APPEND Sent (\\Seen) \"26-Nov-2026 10:00:00 +0000\" {" + message.length + "}\r\n"));
    byte[] literal = new byte[message.length + 2];
    System.arraycopy(message, 0, literal, 0, message.length);
    System.arraycopy("\r\n".getBytes(StandardCharsets.US_ASCII), 0, literal, message.length, 2);
    packets.addAll(SmtpDataBenchmark.segment(literal, SEGMENT_BYTES));
    reader = new ImapCommandReader();
  }

  @Benchmark
  public ImapParseResult.Parsed clientCommands() {
    for (Buffer packet : packets) {
      reader.feed(packet);
    }
    int parsed = reader.takeParsed();
    long literal = reader.takeStreamedLiteralBytes();
    if (parsed != COMMANDS.size() + 1 || reader.rejected() != 0 || literal != literalBytes || reader.buffered() != 0) {
      throw new IllegalStateException("parsed " + parsed + " commands, rejected " + reader.rejected() + ", literal "
          + literal + " of " + literalBytes + " octets, " + reader.buffered() + " bytes left over");
    }
    return reader.last();
  }
}
