package dev.tern.delivery;

import java.time.Instant;
import java.util.List;

/**
 * The SMTP envelope of one accepted message, as the relay hands it to the spool.
 *
 * @param sender            reverse-path without angle brackets; "" for the null sender ({@code <>})
 * @param recipients        forward-paths without angle brackets, in RCPT order, never empty
 * @param receivedAt        when the transaction started
 * @param clientAddress     IP address of the SMTP client
 * @param clientHelo        the name the client gave in EHLO/HELO
 * @param authenticatedUser the account the client authenticated as, or null
 * @param smtpUtf8          the client asked for SMTPUTF8 at MAIL
 * @param body              the BODY= parameter given at MAIL
 * @param envelopeId        the ENVID= parameter (RFC 3461), or null
 */
public record Envelope(
    String sender,
    List<String> recipients,
    Instant receivedAt,
    String clientAddress,
    String clientHelo,
    String authenticatedUser,
    boolean smtpUtf8,
    BodyType body,
    String envelopeId) {

  public enum BodyType { SEVEN_BIT, EIGHT_BIT_MIME, BINARY_MIME }

  public Envelope {
    recipients = List.copyOf(recipients);
    if (recipients.isEmpty()) {
      throw new IllegalArgumentException("an envelope needs at least one recipient");
    }
  }

  public boolean nullSender() {
    return sender.isEmpty();
  }
}
