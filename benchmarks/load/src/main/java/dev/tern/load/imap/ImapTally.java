package dev.tern.load.imap;

import dev.tern.load.mailbox.NoteSample;

import java.util.concurrent.atomic.LongAdder;

/**
 * What the IMAP sessions of a run fetched, summed over all sessions (they count on their own event loops):
 * envelopes (FETCH responses carrying an ENVELOPE), bodies (FETCH responses carrying BODY[]) and their octets, and
 * a sample of why fetch cycles and session set-ups were refused or failed.
 */
public final class ImapTally {

  private final LongAdder envelopes = new LongAdder();
  private final LongAdder bodies = new LongAdder();
  private final LongAdder bodyOctets = new LongAdder();
  private final NoteSample errors = new NoteSample();

  void envelopes(long n) {
    envelopes.add(n);
  }

  void body(long octets) {
    bodies.increment();
    bodyOctets.add(octets);
  }

  void note(String note) {
    errors.add(note);
  }

  public NoteSample errors() {
    return errors;
  }

  public long envelopes() {
    return envelopes.sum();
  }

  public long bodies() {
    return bodies.sum();
  }

  public long bodyOctets() {
    return bodyOctets.sum();
  }
}
