package dev.tern.load.sink;

import dev.tern.load.sink.FaultSchedule.Verdict;
import io.vertx.core.buffer.Buffer;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The SMTP state machine of one session (RFC 5321, with PIPELINING, SIZE, 8BITMIME, SMTPUTF8, ENHANCEDSTATUSCODES,
 * CHUNKING and STARTTLS): takes command lines and message bytes framed by the session and answers through
 * {@link SessionIo}. It keeps the session state (greeted, in TLS), the transaction (sender, recipients, chunks,
 * verdict) and the error count; the message bytes are kept only when a spool writer needs them.
 */
final class SmtpDialog {

  private final SinkShared shared;
  private final SessionIo io;
  private final Transaction transaction = new Transaction();
  private int errors;
  private boolean greeted;
  private boolean extended;

  SmtpDialog(SinkShared shared, SessionIo io) {
    this.shared = shared;
    this.io = io;
  }

  /** One command line, without its CRLF. */
  void command(byte[] bytes, int length) {
    String line = new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
    int space = line.indexOf(' ');
    String verb = (space < 0 ? line : line.substring(0, space)).toUpperCase(Locale.ROOT);
    String argument = space < 0 || line.substring(space + 1).isBlank() ? null : line.substring(space + 1).trim();
    switch (verb) {
      case "EHLO" -> hello(argument, true);
      case "HELO" -> hello(argument, false);
      case "MAIL" -> mail(line);
      case "RCPT" -> rcpt(line);
      case "DATA" -> data(argument);
      case "BDAT" -> bdat(argument);
      case "RSET" -> withoutArgument(argument, () -> {
        transaction.reset();
        io.reply(Replies.OK);
      });
      case "NOOP" -> io.reply(Replies.OK);
      case "QUIT" -> withoutArgument(argument, () -> {
        io.reply(Replies.BYE);
        io.closeAfterReplies();
      });
      case "VRFY" -> {
        if (argument == null) {
          error(Replies.VRFY_SYNTAX);
        } else {
          io.reply(Replies.CANNOT_VRFY);
        }
      }
      case "HELP" -> io.reply(Replies.HELP);
      case "STARTTLS" -> startTls(argument);
      case "EXPN", "TURN" -> error(Replies.NOT_IMPLEMENTED);
      default -> error(Replies.UNRECOGNIZED);
    }
  }

  void lineTooLong() {
    error(Replies.LINE_TOO_LONG);
  }

  void bareLineFeed() {
    error(Replies.BARE_LF);
  }

  /** Message octets as received (DATA still dot-stuffed, with its terminator; BDAT chunk data). */
  void bodyBytes(byte[] in, int from, int to) {
    transaction.capture(in, from, to);
  }

  /** The DATA body ended; {@code size} is its size after dot-unstuffing. */
  void dataEnded(long size) {
    messageEnded(size);
  }

  /** The current BDAT chunk was read whole. */
  void chunkEnded() {
    byte[] refusal = transaction.chunkRefusal;
    if (refusal != null) {
      transaction.chunkRefusal = null;
      refuseMessage(refusal);
    } else if (transaction.lastChunk) {
      messageEnded(transaction.chunkedSize);
    } else {
      io.reply(Replies.OK);
    }
  }

  /** TLS is up: the client starts over with EHLO (RFC 3207 section 4.2). */
  void tlsStarted() {
    greeted = false;
    extended = false;
    transaction.reset();
  }

  private void hello(String argument, boolean ehlo) {
    if (argument == null) {
      error(Replies.HELLO_SYNTAX);
      return;
    }
    transaction.reset();
    greeted = true;
    extended = ehlo;
    if (!ehlo) {
      io.reply(shared.replies().helo);
    } else {
      io.reply(shared.tls() != null && !io.inTls() ? shared.replies().ehloWithStartTls : shared.replies().ehlo);
    }
  }

  private void mail(String line) {
    if (!greeted) {
      error(Replies.NEED_HELLO);
    } else if (transaction.active) {
      error(Replies.NESTED_MAIL);
    } else if (!line.regionMatches(true, 0, "MAIL FROM:", 0, 10)) {
      error(Replies.MAIL_SYNTAX);
    } else {
      EnvelopeArgument argument = EnvelopeArgument.parse(line, 10, true);
      if (refusedArgument(argument, Replies.MAIL_SYNTAX)) {
        return;
      }
      MailParameters parameters = MailParameters.parse(argument.parameters(), extended);
      if (parameters.problem() != null) {
        error(parameters.problem());
      } else if (parameters.declaredSize() > shared.options().maxMessageSize()) {
        io.reply(Replies.MESSAGE_TOO_BIG);
      } else if (argument.nonAscii() && !parameters.smtpUtf8()) {
        io.reply(Replies.NON_ASCII_ADDRESS);
      } else {
        transaction.begin(parameters.smtpUtf8(), shared.spool() != null, shared.options().maxMessageSize());
        shared.counters().transactions.increment();
        io.reply(Replies.SENDER_OK);
      }
    }
  }

  private void rcpt(String line) {
    if (!transaction.active) {
      error(Replies.NEED_MAIL);
    } else if (transaction.chunking) {
      error(Replies.CHUNKING_IN_PROGRESS);
    } else if (!line.regionMatches(true, 0, "RCPT TO:", 0, 8)) {
      error(Replies.RCPT_SYNTAX);
    } else {
      EnvelopeArgument argument = EnvelopeArgument.parse(line, 8, false);
      if (refusedArgument(argument, Replies.RCPT_SYNTAX)) {
        return;
      }
      if (!argument.parameters().isEmpty()) {
        error(Replies.UNKNOWN_PARAMETER);
        return;
      }
      transaction.recipientTried = true;
      if (argument.nonAscii() && !transaction.smtpUtf8) {
        io.reply(Replies.NON_ASCII_ADDRESS);
      } else if (transaction.recipients >= shared.options().maxRecipients()) {
        io.reply(Replies.TOO_MANY_RECIPIENTS);
      } else if (shared.options().failAt() == FailurePoint.RCPT && verdictAtRcpt() != Verdict.ACCEPT) {
        io.reply(transaction.verdict == Verdict.TEMPORARY ? Replies.TEMPORARY_INJECTED : Replies.PERMANENT_INJECTED);
      } else {
        transaction.recipients++;
        shared.counters().recipients.increment();
        io.reply(Replies.RECIPIENT_OK);
      }
    }
  }

  private void data(String argument) {
    byte[] refusal = argument != null ? Replies.NO_ARGUMENTS
        : transaction.chunking ? Replies.CHUNKING_IN_PROGRESS : messageRefusal();
    if (refusal != null) {
      refuseMessage(refusal);
    } else {
      io.reply(Replies.START_DATA);
      io.receiveData();
    }
  }

  private void bdat(String argument) {
    ChunkArgument chunk = ChunkArgument.parse(argument);
    if (chunk == null) {
      error(Replies.BDAT_SYNTAX);
      return;
    }
    // The client sends the chunk whatever we answer, so it is read (and dropped) even when refused (RFC 3030).
    transaction.chunkRefusal = messageRefusal();
    if (transaction.chunkRefusal == null) {
      transaction.chunking = true;
      transaction.lastChunk = chunk.last();
      transaction.chunkedSize += chunk.octets();
    }
    io.receiveChunk(chunk.octets());
  }

  private void startTls(String argument) {
    if (shared.tls() == null) {
      error(Replies.NOT_IMPLEMENTED);
    } else if (io.inTls()) {
      error(Replies.ALREADY_TLS);
    } else if (argument != null) {
      error(Replies.NO_ARGUMENTS);
    } else {
      tlsStarted();
      io.reply(Replies.READY_FOR_TLS);
      io.startTls();
    }
  }

  /** Why a message cannot start now, or null when it can. */
  private byte[] messageRefusal() {
    if (!transaction.active) {
      return Replies.NEED_MAIL;
    }
    if (transaction.recipients == 0) {
      return transaction.recipientTried ? Replies.NO_VALID_RECIPIENTS : Replies.NEED_RCPT;
    }
    return null;
  }

  /** "No valid recipients" is the server's verdict on earlier RCPTs; the other refusals are the client's errors. */
  private void refuseMessage(byte[] refusal) {
    if (refusal == Replies.NO_VALID_RECIPIENTS) {
      io.reply(refusal);
    } else {
      error(refusal);
    }
  }

  private void messageEnded(long size) {
    Buffer content = transaction.content;
    Verdict verdict = shared.options().failAt() == FailurePoint.DATA ? null : transaction.verdict;
    transaction.reset();
    if (size > shared.options().maxMessageSize()) {
      io.reply(Replies.MESSAGE_TOO_BIG);
      return;
    }
    switch (verdict == null ? shared.nextVerdict() : verdict) {
      case TEMPORARY -> io.reply(Replies.TEMPORARY_INJECTED);
      case PERMANENT -> io.reply(Replies.PERMANENT_INJECTED);
      case ACCEPT -> accept(size, content);
    }
  }

  private void accept(long size, Buffer content) {
    SinkCounters counters = shared.counters();
    if (shared.spool() == null) {
      counters.accepted(size);
      io.reply(Replies.QUEUED);
      return;
    }
    // A message of one empty BDAT LAST chunk has no content buffer: it is spooled (and fsynced) all the same.
    io.awaitReply(shared.spool().append(content == null ? Buffer.buffer() : content)
        .map(written -> {
          counters.accepted(size);
          return Replies.QUEUED;
        })
        .otherwise(Replies.SPOOL_FAILED));
  }

  private Verdict verdictAtRcpt() {
    if (transaction.verdict == null) {
      transaction.verdict = shared.nextVerdict();
    }
    return transaction.verdict;
  }

  private boolean refusedArgument(EnvelopeArgument argument, byte[] syntaxReply) {
    switch (argument.outcome()) {
      case SYNTAX -> error(syntaxReply);
      case BAD_ADDRESS -> error(Replies.BAD_ADDRESS);
      default -> {
        return false;
      }
    }
    return true;
  }

  private void withoutArgument(String argument, Runnable action) {
    if (argument != null) {
      error(Replies.NO_ARGUMENTS);
    } else {
      action.run();
    }
  }

  /** A 5xx reply to a bad command; past the error limit the session gets 421 and is closed instead. */
  private void error(byte[] reply) {
    if (++errors >= shared.options().maxErrors()) {
      io.reply(shared.replies().tooManyErrors);
      io.closeAfterReplies();
    } else {
      io.reply(reply);
    }
  }
}
