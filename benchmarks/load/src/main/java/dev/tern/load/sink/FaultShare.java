package dev.tern.load.sink;

import java.math.BigDecimal;

/**
 * A share of transactions to fail on purpose, held exactly in parts per million so that "0.1" means one in ten and
 * not 0.1000000000000000055: the sink promises exact counts, which floating point cannot.
 */
public record FaultShare(long partsPerMillion) {

  static final long MILLION = 1_000_000L;

  public static final FaultShare NONE = new FaultShare(0);

  public FaultShare {
    if (partsPerMillion < 0 || partsPerMillion > MILLION) {
      throw new IllegalArgumentException("a share is between 0 and 1, got " + partsPerMillion + " ppm");
    }
  }

  /** Parses a decimal share between 0 and 1 with at most six decimal places, e.g. "0.1" or "0.005". */
  public static FaultShare parse(String text) {
    BigDecimal value;
    try {
      value = new BigDecimal(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a decimal share: '" + text + "'");
    }
    if (value.signum() < 0 || value.compareTo(BigDecimal.ONE) > 0) {
      throw new IllegalArgumentException("a share is between 0 and 1, got " + text);
    }
    try {
      return new FaultShare(value.movePointRight(6).longValueExact());
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("a share has at most six decimal places, got " + text);
    }
  }

  /** floor(count * share), exactly. */
  long floorOf(long count) {
    return Math.multiplyExact(count, partsPerMillion) / MILLION;
  }

  @Override
  public String toString() {
    return BigDecimal.valueOf(partsPerMillion, 6).stripTrailingZeros().toPlainString();
  }
}
