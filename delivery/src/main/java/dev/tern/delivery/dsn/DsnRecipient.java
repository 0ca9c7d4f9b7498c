package dev.tern.delivery.dsn;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One recipient's part of a DSN.
 *
 * @param address     the forward-path as the sender gave it
 * @param action      failed or delayed
 * @param reply       the last SMTP reply or local diagnostic, e.g. "550 5.1.1 no such user"
 * @param remoteMta   the host that gave the reply, or null when none was reached
 * @param lastAttempt when the last attempt was made
 */
public record DsnRecipient(String address, Action action, String reply, String remoteMta, Instant lastAttempt) {

  public enum Action {
    FAILED("failed"), DELAYED("delayed");

    final String field;

    Action(String field) {
      this.field = field;
    }
  }

  private static final Pattern SMTP_REPLY = Pattern.compile("^([245])\\d\\d(?:[ -]+([245]\\.\\d{1,3}\\.\\d{1,3}))?");

  public DsnRecipient {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(lastAttempt, "lastAttempt");
    reply = reply == null ? "" : reply;
  }

  /**
   * The RFC 3463 status: the enhanced code of the reply when it has one, else one derived from its basic code; a
   * failure without any code is 5.0.0 and a delay 4.0.0.
   */
  public String status() {
    Matcher m = SMTP_REPLY.matcher(reply);
    if (m.find()) {
      return m.group(2) != null ? m.group(2) : m.group(1) + ".0.0";
    }
    return action == Action.FAILED ? "5.0.0" : "4.0.0";
  }
}
