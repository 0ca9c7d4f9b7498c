package dev.tern.load.sink;

import dev.tern.load.sink.FaultSchedule.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FaultScheduleTest {

  @ParameterizedTest
  @CsvSource({"0.1, 0.05", "0.5, 0.5", "0.29, 0.13", "0.333333, 0.333333", "0, 0.07", "0.07, 0", "1, 0", "0, 1",
      "0.000001, 0.999999", "0.25, 0.75"})
  void afterEveryTransactionTheTemporaryCountIsExactAndThePermanentOneAtMostOneAhead(String p, String q) {
    FaultShare temporary = FaultShare.parse(p);
    FaultShare permanent = FaultShare.parse(q);
    FaultSchedule schedule = new FaultSchedule(temporary, permanent);
    long temporaryCount = 0;
    long permanentCount = 0;
    for (long n = 1; n <= 20_000; n++) {
      Verdict verdict = schedule.next();
      temporaryCount += verdict == Verdict.TEMPORARY ? 1 : 0;
      permanentCount += verdict == Verdict.PERMANENT ? 1 : 0;
      assertEquals(temporary.floorOf(n), temporaryCount, "temporary after " + n);
      long permanentTarget = permanent.floorOf(n);
      assertTrue(permanentCount == permanentTarget || permanentCount == permanentTarget + 1,
          "permanent after " + n + ": " + permanentCount + " for a target of " + permanentTarget);
      if (Math.multiplyExact(n, temporary.partsPerMillion()) % FaultShare.MILLION == 0) {
        assertEquals(permanentTarget, permanentCount, "permanent after " + n + " (n*p whole)");
      }
    }
  }

  @Test
  void oneThousandTransactionsAtTenAndFivePercentFailExactlyOneHundredAndFifty() {
    FaultSchedule schedule = new FaultSchedule(FaultShare.parse("0.1"), FaultShare.parse("0.05"));
    int[] counts = new int[Verdict.values().length];
    for (int i = 0; i < 1000; i++) {
      counts[schedule.next().ordinal()]++;
    }
    assertEquals(850, counts[Verdict.ACCEPT.ordinal()]);
    assertEquals(100, counts[Verdict.TEMPORARY.ordinal()]);
    assertEquals(50, counts[Verdict.PERMANENT.ordinal()]);
  }

  @Test
  void sharesAreExactDecimalsNotBinaryFractions() {
    // 0.29 * 100 is 28.999999999999996 in double arithmetic.
    assertEquals(29, FaultShare.parse("0.29").floorOf(100));
    assertEquals("0.29", FaultShare.parse("0.290").toString());
  }

  @Test
  void badSharesAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> FaultShare.parse("1.5"));
    assertThrows(IllegalArgumentException.class, () -> FaultShare.parse("-0.1"));
    assertThrows(IllegalArgumentException.class, () -> FaultShare.parse("0.1234567"));
    assertThrows(IllegalArgumentException.class, () -> FaultShare.parse("ten percent"));
    assertThrows(IllegalArgumentException.class,
        () -> new FaultSchedule(FaultShare.parse("0.7"), FaultShare.parse("0.5")));
  }
}
