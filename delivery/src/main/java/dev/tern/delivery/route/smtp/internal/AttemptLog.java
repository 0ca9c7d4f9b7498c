package dev.tern.delivery.route.smtp.internal;

import dev.tern.delivery.route.DeliveryReport;
import dev.tern.delivery.route.DeliveryReport.RecipientResult;

import java.util.Locale;

/**
 * One line per delivery attempt, so an operator can answer "where did my message go": queue id, destination
 * domain, host and IP, TLS version, duration, and each recipient with its result and the reply. Never the
 * body; no credentials ever reach this class.
 */
public final class AttemptLog {

  private static final System.Logger LOG = System.getLogger("dev.tern.delivery.outbound");

  private AttemptLog() {}

  public static void attempt(DeliveryJob job, DeliveryReport report, long millis) {
    if (!LOG.isLoggable(System.Logger.Level.INFO)) {
      return;
    }
    StringBuilder line = new StringBuilder("outbound id=").append(job.message().id())
        .append(" domain=").append(job.destination().domain())
        .append(" host=").append(report.remoteHost() == null ? "-" : report.remoteHost())
        .append(" ip=").append(report.remoteIp() == null ? "-" : report.remoteIp())
        .append(" tls=").append(report.tlsVersion() == null ? "none" : report.tlsVersion())
        .append(" ms=").append(millis);
    for (RecipientResult result : report.results()) {
      line.append(" rcpt=<").append(printable(result.recipient())).append("> result=")
          .append(result.outcome().name().toLowerCase(Locale.ROOT))
          .append(" reply=\"").append(result.reply().replace('"', '\'')).append('"');
    }
    LOG.log(System.Logger.Level.INFO, line.toString());
  }

  /** A stored address could hold control characters: never let one split or forge a log line. */
  private static String printable(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      out.append(c < 0x20 || c == 0x7f ? '?' : c);
    }
    return out.toString();
  }
}
