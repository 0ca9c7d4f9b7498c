package dev.tern.load.sink;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 1,000 transactions from smtplib over four concurrent sessions: the configured shares come back exactly, as the
 * client saw them and as the sink counted them.
 */
class FaultInjectionTest {

  private static final String CLIENT = """
      import smtplib, sys
      from concurrent.futures import ThreadPoolExecutor
      port, sessions, per_session = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])

      def session(index):
          codes = {}
          with smtplib.SMTP("127.0.0.1", port, timeout=30) as s:
              for i in range(per_session):
                  try:
                      body = "Subject: %d %d\\r\\n\\r\\nbody\\r\\n" % (index, i)
                      s.sendmail("a@example.org", ["b@example.org"], body)
                      code = 250
                  except smtplib.SMTPRecipientsRefused as e:
                      code = list(e.recipients.values())[0][0]
                  except smtplib.SMTPDataError as e:
                      code = e.smtp_code
                  codes[code] = codes.get(code, 0) + 1
          return codes

      totals = {}
      with ThreadPoolExecutor(sessions) as pool:
          for codes in pool.map(session, range(sessions)):
              for code, count in codes.items():
                  totals[code] = totals.get(code, 0) + count
      print("codes", " ".join("%d=%d" % item for item in sorted(totals.items())))
      """;

  @TempDir
  Path dir;

  @Test
  void failuresAtTheEndOfDataHaveTheExactShares() throws Exception {
    assertExactShares(FailurePoint.DATA);
  }

  @Test
  void failuresAtTheFirstRcptHaveTheExactShares() throws Exception {
    assertExactShares(FailurePoint.RCPT);
  }

  private void assertExactShares(FailurePoint failAt) throws Exception {
    SinkOptions options = SinkOptions.defaults()
        .withFaults(FaultShare.parse("0.1"), FaultShare.parse("0.05"), failAt)
        .withEventLoops(2);
    try (SinkFixture fixture = SinkFixture.start(options)) {
      String output = ExternalTools.python(dir, CLIENT, fixture.port(), 4, 250).assertOk().output();
      assertTrue(output.contains("codes 250=850 451=100 554=50"), output);
      SinkStats stats = fixture.stats();
      assertEquals(1000, stats.transactions());
      assertEquals(850, stats.messagesAccepted());
      assertEquals(100, stats.temporaryInjected());
      assertEquals(50, stats.permanentInjected());
      assertEquals(failAt == FailurePoint.RCPT ? 850 : 1000, stats.recipients());
    }
  }
}
