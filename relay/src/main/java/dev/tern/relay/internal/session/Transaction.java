package dev.tern.relay.internal.session;

import dev.tern.delivery.Envelope;
import dev.tern.relay.internal.codec.LineEndingChecker;
import dev.tern.relay.internal.codec.MailParameters;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** One mail transaction: from MAIL until the body is queued, refused, or RSET. */
public final class Transaction {

  private final String sender;
  private final MailParameters parameters;
  private final Instant startedAt = Instant.now();
  private final List<String> recipients = new ArrayList<>();
  private BodySink body;
  private boolean committing;
  private LineEndingChecker lineEndings;

  public Transaction(String sender, MailParameters parameters) {
    this.sender = sender;
    this.parameters = parameters;
  }

  public String sender() {
    return sender;
  }

  public MailParameters parameters() {
    return parameters;
  }

  public List<String> recipients() {
    return recipients;
  }

  public void addRecipient(String address) {
    recipients.add(address);
  }

  public BodySink body() {
    return body;
  }

  public void body(BodySink sink) {
    this.body = sink;
  }

  /** Bare CR/LF detection across all BDAT chunks of this transaction. */
  public LineEndingChecker lineEndings() {
    if (lineEndings == null) {
      lineEndings = new LineEndingChecker();
    }
    return lineEndings;
  }

  public void committing(boolean value) {
    committing = value;
  }

  public Envelope envelope(String clientIp, String helo, String authenticatedUser) {
    return new Envelope(sender, recipients, startedAt, clientIp, helo, authenticatedUser,
        parameters.smtpUtf8(), parameters.body(), parameters.envelopeId());
  }

  /** Drops a staged body, unless a commit is in flight (its outcome then decides). */
  public void abort() {
    if (body != null && !committing) {
      body.abort();
    }
  }
}
