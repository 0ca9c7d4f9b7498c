package dev.tern.load.pop3;

import dev.tern.load.engine.Outcome;
import dev.tern.load.engine.SessionContext;
import dev.tern.load.mailbox.MailConnection;
import dev.tern.load.mailbox.TlsMode;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.net.NetClient;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Supplier;

/**
 * One POP3 operation, which is one whole session as a mail client runs it: connect, greeting, STLS when asked,
 * USER/PASS or AUTH PLAIN, STAT, LIST, RETR of the first messages LIST names, QUIT. The first -ERR ends it (after a
 * QUIT, to leave politely) and decides the outcome; so does a retrieved message whose size is not the one LIST
 * gave, when verifying. A step's latency is recorded once the server has answered it, from the moment its command
 * was written (with pipelined RETRs that includes the replies ahead of it).
 */
final class Pop3Download {

  static final String CONNECT = "connect";
  static final String GREETING = "greeting";
  static final String STLS = "stls";
  static final String LOGIN = "login";
  static final String STAT = "stat";
  static final String LIST = "list";
  static final String RETR = "retr";
  static final String QUIT = "quit";
  static final List<String> PHASES = List.of(CONNECT, GREETING, STLS, LOGIN, STAT, LIST, RETR, QUIT);

  private final Pop3Settings settings;
  private final SessionContext context;
  private final Pop3Tally tally;
  private Pop3Connection pop;

  Pop3Download(Pop3Settings settings, SessionContext context, Pop3Tally tally) {
    this.settings = settings;
    this.context = context;
    this.tally = tally;
  }

  /** Fails only when the connection could not be made or broke; the session is closed either way. */
  Future<Outcome> run(NetClient client) {
    return timed(CONNECT, () -> MailConnection.connect(context.vertx(), client, settings.target()))
        .compose(mail -> {
          pop = new Pop3Connection(mail);
          return steps().eventually(pop::close);
        });
  }

  /** Closes the connection of a download still running; its future then fails as a broken connection. */
  Future<Void> abort() {
    return pop == null ? Future.succeededFuture() : pop.close();
  }

  private Future<Outcome> steps() {
    Future<Outcome> loggedIn = judged("greeting", timed(GREETING, pop::greeting));
    if (settings.target().tls() == TlsMode.STARTTLS) {
      loggedIn = ifOk(loggedIn, this::stls);
    }
    loggedIn = ifOk(loggedIn, this::login);
    Future<Outcome> stated = ifOk(loggedIn, () -> judged("STAT", timed(STAT, () -> pop.command("STAT"))));
    Future<Outcome> listed = stated.compose(outcome -> outcome != Outcome.OK ? Future.succeededFuture(outcome)
        : window().compose(window -> new MessageList(window).fetch()));
    return listed.compose(outcome -> outcome == Outcome.OK ? quit()
        : pop.command("QUIT").transform(ignored -> Future.succeededFuture(outcome)));
  }

  private Future<Outcome> stls() {
    long start = System.nanoTime();
    return judged("STLS", pop.command("STLS")).compose(outcome -> outcome != Outcome.OK
        ? Future.succeededFuture(outcome)
        : pop.startTls().map(v -> {
          context.recordPhase(STLS, System.nanoTime() - start);
          return Outcome.OK;
        }));
  }

  private Future<Outcome> login() {
    String user = settings.credentials().user();
    String password = settings.credentials().password();
    long start = System.nanoTime();
    Future<Outcome> outcome;
    if (settings.saslPlain()) {
      String initial = Base64.getEncoder().encodeToString(("\0" + user + "\0" + password)
          .getBytes(StandardCharsets.UTF_8));
      outcome = judged("AUTH PLAIN", pop.command("AUTH PLAIN " + initial));
    } else {
      outcome = ifOk(judged("USER", pop.command("USER " + user)),
          () -> judged("PASS", pop.command("PASS " + password)));
    }
    return outcome.andThen(done -> {
      if (done.succeeded()) {
        context.recordPhase(LOGIN, System.nanoTime() - start);
      }
    });
  }

  /** RETRs outstanding at once: the setting when the server's CAPA lists PIPELINING, else 1. */
  private Future<Integer> window() {
    if (settings.pipeline() <= 1) {
      return Future.succeededFuture(1);
    }
    boolean[] offered = {false};
    return pop.multiLine("CAPA", line -> offered[0] |= line.toString(StandardCharsets.ISO_8859_1).trim()
            .equalsIgnoreCase("PIPELINING"))
        .map(reply -> reply.ok() && offered[0] ? settings.pipeline() : 1);
  }

  private Future<Outcome> quit() {
    return judged("QUIT", timed(QUIT, () -> pop.command("QUIT")));
  }

  /**
   * LIST, then RETR of the messages it named, each checked against its listed size; up to {@code window} RETRs are
   * outstanding at once. The first refusal stops sending more and, once the outstanding ones are in, decides.
   */
  private final class MessageList {

    private final ListedMessages listed = new ListedMessages();
    private final int window;
    private final Promise<Outcome> done = Promise.promise();
    private int wanted;
    private int sent;
    private int inFlight;
    private Outcome refusal;

    MessageList(int window) {
      this.window = window;
    }

    Future<Outcome> fetch() {
      Future<Outcome> listing = judged("LIST", timed(LIST, () -> pop.multiLine("LIST", line -> {
        if (!listed.add(line.toString(StandardCharsets.ISO_8859_1))) {
          pop.mail().fail("not a LIST line: " + line.toString(StandardCharsets.ISO_8859_1));
        }
      })));
      return ifOk(listing, () -> {
        wanted = settings.retr() == Pop3Settings.ALL_MESSAGES ? listed.size()
            : Math.min(settings.retr(), listed.size());
        sendMore();
        return done.future();
      });
    }

    private void sendMore() {
      if (refusal == null && sent == wanted && inFlight == 0) {
        done.tryComplete(Outcome.OK);
        return;
      }
      if (refusal != null && inFlight == 0) {
        done.tryComplete(refusal);
        return;
      }
      while (refusal == null && inFlight < window && sent < wanted) {
        retrieve(sent++);
      }
    }

    private void retrieve(int index) {
      inFlight++;
      long number = listed.number(index);
      long[] octets = {0};
      judged("RETR", timed(RETR, () -> pop.multiLine("RETR " + number, line -> octets[0] += line.length() + 2)))
          .onComplete(result -> {
            inFlight--;
            if (result.failed()) {
              done.tryFail(result.cause());
              return;
            }
            Outcome outcome = result.result();
            if (outcome == Outcome.OK) {
              tally.retrieved(octets[0]);
              context.addBytes(octets[0]);
              if (settings.verify() && octets[0] != listed.size(index)) {
                tally.sizeMismatch();
                tally.note("RETR: " + octets[0] + " octets where LIST said " + listed.size(index));
                outcome = Outcome.PERMANENT;
              }
            }
            if (outcome != Outcome.OK && refusal == null) {
              refusal = outcome;
            }
            sendMore();
          });
    }
  }

  private Future<Outcome> judged(String step, Future<Pop3Reply> reply) {
    return reply.map(r -> {
      Outcome outcome = r.outcome();
      if (outcome != Outcome.OK) {
        tally.note(step + ": " + r);
      }
      return outcome;
    });
  }

  private static Future<Outcome> ifOk(Future<Outcome> previous, Supplier<Future<Outcome>> next) {
    return previous.compose(outcome -> outcome == Outcome.OK ? next.get() : Future.succeededFuture(outcome));
  }

  private <T> Future<T> timed(String phase, Supplier<Future<T>> step) {
    long start = System.nanoTime();
    return step.get().andThen(done -> {
      if (done.succeeded()) {
        context.recordPhase(phase, System.nanoTime() - start);
      }
    });
  }
}
