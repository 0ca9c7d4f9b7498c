package dev.tern.load.smtp;

import dev.tern.load.engine.Credentials;
import dev.tern.load.engine.Target;

import java.time.Duration;
import java.util.List;

/**
 * What every SMTP session of a run does.
 *
 * @param tls            how the connection is secured
 * @param credentials    AUTH PLAIN credentials, or null for none
 * @param ehloName       the name given in EHLO/HELO
 * @param recipients     RCPT TO addresses, one per recipient of each message
 * @param pipelining     send MAIL, RCPTs and DATA in one write when the server offers PIPELINING
 * @param perConnection  QUIT and reconnect after this many messages; 0 = keep the connection
 * @param replyTimeout   longest wait for one reply
 */
public record SmtpLoadConfig(Target target, Tls tls, Credentials credentials, String ehloName, String from,
                             List<String> recipients, boolean pipelining, int perConnection, Duration replyTimeout,
                             MessageFactory messages) {

  /** How a session secures its connection. */
  public enum Tls { NONE, STARTTLS, IMPLICIT }

  public SmtpLoadConfig {
    recipients = List.copyOf(recipients);
    if (recipients.isEmpty()) {
      throw new IllegalArgumentException("at least one recipient");
    }
    if (perConnection < 0) {
      throw new IllegalArgumentException("--per-connection must not be negative");
    }
  }
}
