package dev.tern.load.pop3;

import dev.tern.load.mailbox.NoteSample;

import java.util.concurrent.atomic.LongAdder;

/**
 * What the POP3 sessions of a run retrieved, summed over all sessions: messages and their octets (as counted after
 * un-dot-stuffing), how many messages arrived with another size than LIST announced, and a sample of why
 * sessions were refused or failed.
 */
public final class Pop3Tally {

  private final LongAdder retrieved = new LongAdder();
  private final LongAdder octets = new LongAdder();
  private final LongAdder sizeMismatches = new LongAdder();
  private final NoteSample errors = new NoteSample();

  void retrieved(long messageOctets) {
    retrieved.increment();
    octets.add(messageOctets);
  }

  void sizeMismatch() {
    sizeMismatches.increment();
  }

  void note(String note) {
    errors.add(note);
  }

  public NoteSample errors() {
    return errors;
  }

  public long retrieved() {
    return retrieved.sum();
  }

  public long octets() {
    return octets.sum();
  }

  public long sizeMismatches() {
    return sizeMismatches.sum();
  }
}
