package dev.tern.delivery.route;

import dev.tern.delivery.BodyStream;
import dev.tern.delivery.Envelope;
import dev.tern.delivery.QueueId;
import io.vertx.core.Future;

import java.util.List;
import java.util.function.Supplier;

/**
 * One message to hand to one destination: the envelope sender, the recipients of this destination (all of one
 * domain or site), and a way to open the stored body (once per attempt; the client closes it).
 *
 * @param id         the queue id, for logs
 * @param sender     reverse-path, "" for the null sender
 * @param recipients forward-paths for this destination
 * @param size       body size in bytes (checked against the server's SIZE)
 * @param body       the body as the server must receive it, opened afresh per attempt
 * @param smtpUtf8   the message needs SMTPUTF8 (envelope was SMTPUTF8)
 * @param eightBit   the message needs 8BITMIME (BODY=8BITMIME or 8-bit bytes)
 * @param envelopeId the RFC 3461 ENVID, or null
 */
public record OutboundMessage(
    QueueId id,
    String sender,
    List<String> recipients,
    long size,
    Supplier<Future<BodyStream>> body,
    boolean smtpUtf8,
    boolean eightBit,
    String envelopeId) {

  public OutboundMessage {
    recipients = List.copyOf(recipients);
  }

  public static OutboundMessage of(QueueId id, Envelope envelope, List<String> recipients, long size,
                                   Supplier<Future<BodyStream>> body) {
    return new OutboundMessage(id, envelope.sender(), recipients, size, body, envelope.smtpUtf8(),
        envelope.body() != Envelope.BodyType.SEVEN_BIT, envelope.envelopeId());
  }
}
