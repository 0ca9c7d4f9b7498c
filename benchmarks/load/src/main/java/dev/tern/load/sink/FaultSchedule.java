package dev.tern.load.sink;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Decides, without randomness, which transactions fail on purpose. Transactions are numbered 0, 1, 2... across all
 * sessions by one shared counter. Transaction n is temporarily failed when floor((n+1)p) > floor(np), so after N
 * transactions exactly floor(Np) were. The permanent share q is spread the same way over the transactions that
 * were not temporarily failed, at the rate q/(1-p): the two never claim the same transaction, and after N
 * transactions floor(Nq) were permanently failed, or one more while Np is not a whole number (when both targets step
 * on the same transaction one of them has to go first).
 */
final class FaultSchedule {

  enum Verdict { ACCEPT, TEMPORARY, PERMANENT }

  private final FaultShare temporary;
  private final FaultShare permanent;
  private final AtomicLong next = new AtomicLong();

  FaultSchedule(FaultShare temporary, FaultShare permanent) {
    if (temporary.partsPerMillion() + permanent.partsPerMillion() > FaultShare.MILLION) {
      throw new IllegalArgumentException("--temp-fail + --perm-fail must not exceed 1, got " + temporary + " + "
          + permanent);
    }
    this.temporary = temporary;
    this.permanent = permanent;
  }

  boolean injectsFaults() {
    return temporary.partsPerMillion() > 0 || permanent.partsPerMillion() > 0;
  }

  /** Takes the next transaction number and returns its verdict. Thread-safe. */
  Verdict next() {
    if (!injectsFaults()) {
      return Verdict.ACCEPT;
    }
    return verdict(next.getAndIncrement());
  }

  /** The verdict of transaction {@code n} (0-based). */
  Verdict verdict(long n) {
    long temporaryBefore = temporary.floorOf(n);
    if (temporary.floorOf(n + 1) > temporaryBefore) {
      return Verdict.TEMPORARY;
    }
    long remainingShare = FaultShare.MILLION - temporary.partsPerMillion();
    if (remainingShare == 0) {
      return Verdict.ACCEPT;
    }
    long index = n - temporaryBefore;
    long q = permanent.partsPerMillion();
    boolean steps = Math.multiplyExact(index + 1, q) / remainingShare > Math.multiplyExact(index, q) / remainingShare;
    return steps ? Verdict.PERMANENT : Verdict.ACCEPT;
  }
}
