package dev.tern.benchmarks.imap;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One IMAP session per JMH thread: connected, logged in and with INBOX selected once per trial; it learns every
 * message's RFC822.SIZE then, so each FETCH of a body can be checked against it. Every operation fails unless the
 * server answers OK with exactly the expected responses.
 */
@State(Scope.Thread)
public class FetchSession implements AutoCloseable {

  private static final Pattern EXISTS = Pattern.compile("\\* (\\d+) EXISTS");
  private static final Pattern SIZE = Pattern.compile("\\* (\\d+) FETCH \\(.*RFC822\\.SIZE (\\d+).*\\)");
  private static final AtomicInteger SEEDS = new AtomicInteger();

  private BlockingImapClient client;
  private int messages;
  private long[] sizes;
  private SplittableRandom random;

  /** A session outside JMH (the server's own first SELECT, tests). */
  static FetchSession open(ImapMailServer server) throws IOException {
    FetchSession session = new FetchSession();
    session.connect(server);
    return session;
  }

  /** Connects, logs in, selects INBOX and learns the message sizes; fails unless the mailbox is as stored. */
  public void connect(ImapMailServer server) throws IOException {
    messages = server.messages;
    random = new SplittableRandom(SEEDS.incrementAndGet());
    client = BlockingImapClient.connect("127.0.0.1", server.port(), ImapMailServer.TIMEOUT);
    try {
      client.ok("LOGIN \"" + ImapMailServer.ACCOUNT + "\" \"" + ImapMailServer.PASSWORD + "\"");
      ImapReply selected = client.ok("SELECT INBOX");
      int exists = selected.kept().stream().map(EXISTS::matcher).filter(Matcher::matches)
          .mapToInt(m -> Integer.parseInt(m.group(1))).findFirst().orElse(-1);
      if (exists != messages) {
        throw new ImapReplyException("SELECT shows " + exists + " messages, " + messages + " were stored");
      }
      sizes = new long[messages];
      ImapReply listed = client.ok("FETCH 1:* (RFC822.SIZE)", true);
      for (String line : listed.kept()) {
        Matcher size = SIZE.matcher(line);
        if (size.matches()) {
          sizes[Integer.parseInt(size.group(1)) - 1] = Long.parseLong(size.group(2));
        }
      }
      if (listed.fetchResponses() != messages || Arrays.stream(sizes).anyMatch(s -> s <= 0)) {
        throw new ImapReplyException("FETCH RFC822.SIZE answered " + listed.fetchResponses() + " of " + messages);
      }
    } catch (IOException | RuntimeException e) {
      client.close();
      throw e;
    }
  }

  @Setup(Level.Trial)
  public void connectOrStop(ImapMailServer server) throws Exception {
    try {
      connect(server);
    } catch (Exception | Error e) {
      // JMH then skips the shared server's tear-down and halts the fork: stop it here so that its mailbox is not
      // left on disk.
      try {
        server.stop();
      } catch (Exception cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e;
    }
  }

  /** {@code UID FETCH 1:* (FLAGS RFC822.SIZE ENVELOPE)}: the whole mailbox's list view. */
  public ImapReply fetchEnvelopes() throws IOException {
    ImapReply reply = client.ok("UID FETCH 1:* (FLAGS RFC822.SIZE ENVELOPE)");
    if (reply.fetchResponses() != messages) {
      throw new ImapReplyException("UID FETCH 1:* answered " + reply.fetchResponses() + " of " + messages);
    }
    return reply;
  }

  /** {@code FETCH n BODY.PEEK[]} of a message picked at random: opening one message. */
  public ImapReply fetchBody() throws IOException {
    int n = 1 + random.nextInt(messages);
    ImapReply reply = client.ok("FETCH " + n + " BODY.PEEK[]");
    if (reply.fetchResponses() != 1 || reply.literalOctets() != sizes[n - 1]) {
      throw new ImapReplyException("FETCH " + n + " BODY.PEEK[] gave " + reply.fetchResponses() + " responses and "
          + reply.literalOctets() + " octets; RFC822.SIZE is " + sizes[n - 1]);
    }
    return reply;
  }

  public int messages() {
    return messages;
  }

  @TearDown(Level.Trial)
  @Override
  public void close() throws IOException {
    if (client == null) {
      return;
    }
    try {
      client.logout();
    } catch (IOException serverAlreadyGone) {
      // JMH may stop the shared server before this thread's session: nothing is left to say goodbye to.
      client.close();
    }
  }
}
