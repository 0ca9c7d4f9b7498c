package dev.tern.delivery.dsn;

import dev.tern.delivery.Envelope;
import dev.tern.delivery.QueueId;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Formats one RFC 3464 delivery status notification: a multipart/report (RFC 6522) with a human-readable part, the
 * message/delivery-status part (one per-message block, one block per recipient) and the original message's headers
 * as text/rfc822-headers. Every line ends in CRLF and stays far below 998 octets: the only variable-length fields,
 * the diagnostics, are cleaned of line breaks and cut.
 *
 * @param hostname        this MTA (Reporting-MTA, MAILER-DAEMON@hostname)
 * @param id              the original message's queue id
 * @param original        the original envelope (sender = the DSN's recipient; ENVID; arrival date)
 * @param recipients      the recipients reported on, all of one action
 * @param originalHeaders the original header block, or null when it could not be read
 * @param now             the DSN's date
 */
public record DeliveryStatusNotification(String hostname, QueueId id, Envelope original, List<DsnRecipient> recipients,
                                         byte[] originalHeaders, Instant now) {

  private static final DateTimeFormatter RFC5322 = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT)
      .withZone(ZoneOffset.UTC);
  private static final int MAX_DIAGNOSTIC_CHARS = 900;
  private static final String CRLF = "\r\n";

  public DeliveryStatusNotification {
    Objects.requireNonNull(hostname, "hostname");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(original, "original");
    Objects.requireNonNull(now, "now");
    recipients = List.copyOf(recipients);
    if (recipients.isEmpty()) {
      throw new IllegalArgumentException("a DSN reports on at least one recipient");
    }
    if (recipients.stream().map(DsnRecipient::action).distinct().count() != 1) {
      throw new IllegalArgumentException("one DSN reports one action");
    }
    if (original.nullSender()) {
      throw new IllegalArgumentException("a message with a null sender never gets a DSN");
    }
  }

  public DsnRecipient.Action action() {
    return recipients.get(0).action();
  }

  /** The envelope the DSN travels with: null reverse-path, to the original sender. */
  public Envelope envelope() {
    boolean utf8Address = !isAscii(original.sender());
    return new Envelope("", List.of(original.sender()), now, null, hostname, null, utf8Address,
        needsEightBit() ? Envelope.BodyType.EIGHT_BIT_MIME : Envelope.BodyType.SEVEN_BIT, null);
  }

  /** The message bytes, ready to store. */
  public byte[] toBytes() {
    String boundary = "=_tern_" + id.value() + "_" + Long.toHexString(now.toEpochMilli());
    ByteArrayOutputStream out = new ByteArrayOutputStream(2048 + (originalHeaders == null ? 0 : originalHeaders.length));
    boolean failed = action() == DsnRecipient.Action.FAILED;
    text(out, "From: Mail Delivery System <MAILER-DAEMON@" + hostname + ">");
    text(out, "To: <" + original.sender() + ">");
    text(out, "Subject: " + (failed ? "Undelivered Mail Returned to Sender" : "Delayed Mail (still being retried)"));
    text(out, "Date: " + RFC5322.format(now));
    text(out, "Message-ID: <" + id.value() + "." + now.toEpochMilli() + "." + action().field + "@" + hostname + ">");
    text(out, "Auto-Submitted: auto-replied");
    text(out, "MIME-Version: 1.0");
    text(out, "Content-Type: multipart/report; report-type=delivery-status;");
    text(out, "\tboundary=\"" + boundary + "\"");
    text(out, "");
    text(out, "This is a MIME-encapsulated delivery status notification.");
    text(out, "");
    text(out, "--" + boundary);
    humanReadable(out, failed);
    text(out, "--" + boundary);
    deliveryStatus(out);
    text(out, "--" + boundary);
    text(out, "Content-Type: text/rfc822-headers");
    text(out, "");
    if (originalHeaders != null && originalHeaders.length > 0) {
      out.writeBytes(originalHeaders);
    } else {
      text(out, "X-Tern-Note: the original headers could not be read");
    }
    text(out, "");
    text(out, "--" + boundary + "--");
    return out.toByteArray();
  }

  private void humanReadable(ByteArrayOutputStream out, boolean failed) {
    text(out, "Content-Type: text/plain; charset=utf-8");
    text(out, "Content-Transfer-Encoding: " + (needsEightBit() ? "8bit" : "7bit"));
    text(out, "Content-Description: Notification");
    text(out, "");
    text(out, "This is the mail system at " + hostname + ".");
    text(out, "");
    if (failed) {
      text(out, "Your message (queue id " + id.value() + ") could not be delivered to the recipients below.");
      text(out, "This is a permanent error; the mail system will not try again.");
    } else {
      text(out, "Your message (queue id " + id.value() + ") has not yet been delivered to the recipients below.");
      text(out, "The mail system will keep trying; you do not need to send it again.");
    }
    text(out, "");
    for (DsnRecipient r : recipients) {
      text(out, "<" + r.address() + ">: " + diagnostic(r.reply()));
    }
    text(out, "");
  }

  private void deliveryStatus(ByteArrayOutputStream out) {
    text(out, "Content-Type: message/delivery-status");
    text(out, "Content-Description: Delivery report");
    text(out, "");
    text(out, "Reporting-MTA: dns; " + hostname);
    text(out, "X-Tern-Queue-ID: " + id.value());
    if (original.envelopeId() != null && !original.envelopeId().isEmpty()) {
      text(out, "Original-Envelope-Id: " + diagnostic(original.envelopeId()));
    }
    if (original.receivedAt() != null) {
      text(out, "Arrival-Date: " + RFC5322.format(original.receivedAt()));
    }
    for (DsnRecipient r : recipients) {
      text(out, "");
      text(out, "Final-Recipient: " + addressType(r.address()) + "; " + r.address());
      text(out, "Action: " + r.action().field);
      text(out, "Status: " + r.status());
      if (r.remoteMta() != null && !r.remoteMta().isEmpty()) {
        text(out, "Remote-MTA: dns; " + r.remoteMta());
      }
      if (!r.reply().isEmpty()) {
        text(out, "Diagnostic-Code: smtp; " + diagnostic(r.reply()));
      }
      text(out, "Last-Attempt-Date: " + RFC5322.format(r.lastAttempt()));
    }
    text(out, "");
  }

  /** RFC 6533: an address with non-ASCII characters is of type utf-8, others rfc822. */
  private static String addressType(String address) {
    return isAscii(address) ? "rfc822" : "utf-8";
  }

  /** One line of printable US-ASCII: replies come off the wire and may hold anything. */
  static String diagnostic(String text) {
    StringBuilder b = new StringBuilder(Math.min(text.length(), MAX_DIAGNOSTIC_CHARS));
    for (int i = 0; i < text.length() && b.length() < MAX_DIAGNOSTIC_CHARS; i++) {
      char c = text.charAt(i);
      if (c == '\r' || c == '\n' || c == '\t') {
        if (b.length() > 0 && b.charAt(b.length() - 1) != ' ') {
          b.append(' ');
        }
      } else {
        b.append(c >= ' ' && c < 127 ? c : '?');
      }
    }
    return b.toString().strip();
  }

  private boolean needsEightBit() {
    if (!isAscii(original.sender()) || recipients.stream().anyMatch(r -> !isAscii(r.address()))) {
      return true;
    }
    if (originalHeaders != null) {
      for (byte b : originalHeaders) {
        if (b < 0) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean isAscii(String s) {
    return s.chars().allMatch(c -> c < 128);
  }

  private static void text(ByteArrayOutputStream out, String line) {
    out.writeBytes(line.getBytes(StandardCharsets.UTF_8));
    out.writeBytes(CRLF.getBytes(StandardCharsets.US_ASCII));
  }
}
