package dev.tern.benchmarks.imap;

import dev.tern.benchmarks.BenchmarkSettings;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Threads;

/**
 * IMAP FETCH end to end inside one JVM: an in-process {@link dev.tern.access.imap.ImapServer} over the file-system
 * stores with a preloaded INBOX ({@link ImapMailServer}), and one logged-in session with INBOX selected per JMH
 * thread ({@link FetchSession}), so threads are concurrent sessions. Client and server share the machine's cores.
 * {@code envelopes*}: one operation = {@code UID FETCH 1:* (FLAGS RFC822.SIZE ENVELOPE)} of the whole mailbox;
 * the score is FETCH commands/s, and since every operation is checked to answer exactly {@code messages}
 * messages, messages/s is the score times {@code messages} ({@code benchmarks/run.sh} prints that row too; a JMH
 * auxiliary counter would also count the operations JMH runs outside the measured window to keep threads in
 * step, which with second-long operations and eight threads overstates the rate several times).
 * {@code body*}: one operation = {@code FETCH n BODY.PEEK[]} of a message picked at random.
 */
public class ImapFetchBenchmark extends BenchmarkSettings {

  @Benchmark
  @Threads(1)
  public ImapReply envelopesOneSession(ImapMailServer server, FetchSession session) throws Exception {
    return session.fetchEnvelopes();
  }

  @Benchmark
  @Threads(8)
  public ImapReply envelopesEightSessions(ImapMailServer server, FetchSession session) throws Exception {
    return session.fetchEnvelopes();
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
}
