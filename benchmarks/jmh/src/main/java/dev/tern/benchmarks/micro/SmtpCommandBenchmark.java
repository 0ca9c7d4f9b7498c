package dev.tern.benchmarks.micro;

import dev.tern.relay.SmtpServerOptions;
import dev.tern.relay.internal.codec.PathSyntax;
import io.vertx.core.buffer.Buffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.List;

/**
 * SMTP command parsing: one operation = the commands of one transaction as a pipelining client sends them,
 * EHLO in its own packet, then MAIL FROM (with SIZE and BODY), two RCPT TO (one with a quoted local part and
 * NOTIFY) and DATA in one packet, through {@link SmtpCommandReader}: framing, decoding, {@code CommandLine},
 * {@code PathArgument}, {@code MailParameters} and {@code PathSyntax}. Replies, store lookups and the session
 * state machine are not part of it. Fails if any command is not understood.
 */
@State(Scope.Thread)
public class SmtpCommandBenchmark extends MicroSettings {

  static final List<String> PACKETS = List.of(
      "EHLO mail-ot1-f54.relay.example.com\r\n",
      "MAIL FROM:<greta.fischer+invoices@corp.example.de> SIZE=48213 BODY=8BITMIME\r\n"
          + "RCPT TO:<bench@bench.example>\r\n"
          + "RCPT TO:<\"ops team\"@bench.example> NOTIFY=FAILURE,DELAY\r\n"
          + "DATA\r\n");
  static final int COMMANDS = 5;

  private List<Buffer> packets;
  private SmtpCommandReader reader;

  @Setup
  public void prepare() {
    packets = PACKETS.stream().map(Buffer::buffer).toList();
    reader = new SmtpCommandReader(new SmtpServerOptions().maxCommandLineLength());
  }

  @Benchmark
  public PathSyntax.Result transactionCommands() {
    for (Buffer packet : packets) {
      reader.feed(packet);
    }
    int understood = reader.takeUnderstood();
    if (understood != COMMANDS || reader.refused() != 0) {
      throw new IllegalStateException("understood " + understood + " of " + COMMANDS + " commands, refused "
          + reader.refused());
    }
    return reader.lastPath();
  }
}
