package dev.tern.delivery.route;

/**
 * Why a domain has no usable destination. {@link #permanent()} failures end the recipient with a bounce
 * (NXDOMAIN, null MX RFC 7505, MX hosts that all resolve to refused addresses); the rest are retried later
 * (SERVFAIL, timeouts).
 */
public final class RouteFailure extends Exception {

  private final boolean permanent;
  private final String enhancedCode;

  public RouteFailure(boolean permanent, String enhancedCode, String message) {
    super(message, null, false, false);
    this.permanent = permanent;
    this.enhancedCode = enhancedCode;
  }

  public boolean permanent() {
    return permanent;
  }

  /** RFC 3463 code for the DSN and logs, e.g. "5.1.10" for a null MX, "4.4.3" for a DNS timeout. */
  public String enhancedCode() {
    return enhancedCode;
  }

  /** An SMTP-style text for the journal and DSN, e.g. "556 5.1.10 domain example.com accepts no mail (null MX)". */
  public String replyText() {
    return (permanent ? (enhancedCode.equals("5.1.10") ? "556 " : "550 ") : "451 ") + enhancedCode + " " + getMessage();
  }
}
