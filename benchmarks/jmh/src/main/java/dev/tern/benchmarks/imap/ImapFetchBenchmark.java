package dev.tern.benchmarks.imap;

import dev.tern.benchmarks.BenchmarkSettings;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * IMAP FETCH end to end inside one JVM: an in-process {@link dev.tern.access.imap.ImapServer} over the file-system stores with a
 * preloaded INBOX ({@link ImapMailServer}), and one logged-in session with INBOX selected per JMH thread
 * ({@link FetchSession}), so threads are concurrent sessions. Client and server share the machine's cores.
 * {@code envelopes*}: one operation = {@code UID FETCH 1:* (FLAGS RFC822.SIZE ENVELOPE)} of the whole mailbox
 * (score: FETCH commands/s; the secondary {@code messages} score counts the messages answered per second).
 * {@code body*}: one operation = {@code FETCH n BODY.PEEK[]} of a message picked at random.
 */
public class ImapFetchBenchmark extends BenchmarkSettings {

  @Benchmark
  @Threads(1)
  public ImapReply envelopesOneSession(ImapMailServer server, FetchSession session, Answered answered)
      throws Exception {
    return answered.count(session.fetchEnvelopes());
  }

  @Benchmark
  @Threads(8)
  public ImapReply envelopesEightSessions(ImapMailServer server, FetchSession session, Answered answered)
      throws Exception {
    return answered.count(session.fetchEnvelopes());
  }

  @Benchmark
  @Threads(1)
  public ImapReply bodyOneSession(ImapMailServer server, FetchSession session) throws Exception {
    return session.fetchBody();
  }

  @Benchmark
  @Threads(8)
  public ImapReply bodyEightSessions(ImapMailServer server, FetchSession session) throws Exception {
    return session.fetchBody();
  }

  /** The messages answered, reported by JMH as a per-second rate beside the command rate. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Answered {

    public long messages;

    @Setup(Level.Iteration)
    public void reset() {
      messages = 0;
    }

    ImapReply count(ImapReply reply) {
      messages += reply.fetchResponses();
      return reply;
    }
  }
}
