package dev.tern.load.imap;

import dev.tern.load.engine.Operation;
import dev.tern.load.engine.Outcome;
import dev.tern.load.engine.SessionContext;
import io.vertx.core.Future;

import java.util.function.Supplier;

/**
 * One operation of an IMAP load: optionally SELECT again, then FETCH the envelopes of the newest messages, then
 * FETCH BODY.PEEK[] of some messages picked by the seed. It stops at the first tagged reply that is not OK, whose
 * meaning becomes the operation's outcome. Counts go to the tally, body octets to the context.
 */
final class FetchCycle {

  static final String ENVELOPES = "envelopes";
  static final String BODIES = "bodies";
  static final String ENVELOPE_ITEMS = "(UID FLAGS RFC822.SIZE ENVELOPE)";

  private final ImapConnection imap;
  private final MailboxView mailbox;
  private final ImapSettings settings;
  private final SessionContext context;
  private final ImapTally tally;

  FetchCycle(ImapConnection imap, MailboxView mailbox, ImapSettings settings, SessionContext context,
             ImapTally tally) {
    this.imap = imap;
    this.mailbox = mailbox;
    this.settings = settings;
    this.context = context;
    this.tally = tally;
  }

  Future<Outcome> run(Operation operation) {
    Future<Outcome> reselected = settings.reselect()
        ? ImapLogin.select(imap, settings, context).map(reply -> judged("SELECT", reply))
        : Future.succeededFuture(Outcome.OK);
    return then(then(reselected, this::envelopes), () -> bodies(operation));
  }

  private static Future<Outcome> then(Future<Outcome> previous, Supplier<Future<Outcome>> next) {
    return previous.compose(outcome -> outcome == Outcome.OK ? next.get() : Future.succeededFuture(outcome));
  }

  /**
   * The last N messages by sequence number (the only way to name them without another round trip), or the whole
   * mailbox as a client's first sync does it: UID FETCH 1:*.
   */
  private Future<Outcome> envelopes() {
    long exists = mailbox.exists();
    if (settings.envelopes() == 0 || exists == 0) {
      return Future.succeededFuture(Outcome.OK);
    }
    String command = settings.envelopes() == ImapSettings.ALL_MESSAGES || settings.envelopes() >= exists
        ? "UID FETCH 1:* " + ENVELOPE_ITEMS
        : "FETCH " + (exists - settings.envelopes() + 1) + ":" + exists + " " + ENVELOPE_ITEMS;
    long[] fetched = {0};
    long start = System.nanoTime();
    return imap.command(command, response -> {
      if (isFetchWith(response, "ENVELOPE")) {
        fetched[0]++;
      }
    }).map(reply -> {
      context.recordPhase(ENVELOPES, System.nanoTime() - start);
      tally.envelopes(fetched[0]);
      return judged("FETCH envelopes", reply);
    });
  }

  private Future<Outcome> bodies(Operation operation) {
    String picks = BodyPicks.sequenceSet(settings.seed(), operation.index(), mailbox.exists(), settings.bodies());
    if (picks.isEmpty()) {
      return Future.succeededFuture(Outcome.OK);
    }
    long start = System.nanoTime();
    return imap.command("FETCH " + picks + " BODY.PEEK[]", response -> {
      if (isFetchWith(response, "BODY[]")) {
        tally.body(response.literalOctets());
        context.addBytes(response.literalOctets());
      }
    }).map(reply -> {
      context.recordPhase(BODIES, System.nanoTime() - start);
      return judged("FETCH bodies", reply);
    });
  }

  private Outcome judged(String step, ImapResponse reply) {
    Outcome outcome = ImapReplies.outcome(reply);
    if (outcome != Outcome.OK) {
      tally.note(step + ": " + reply.text());
    }
    return outcome;
  }

  private static boolean isFetchWith(ImapResponse response, String item) {
    return response.untagged() && response.numberedKeyword().equals("FETCH") && response.text().contains(item);
  }
}
