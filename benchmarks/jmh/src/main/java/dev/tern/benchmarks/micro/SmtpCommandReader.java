package dev.tern.benchmarks.micro;

import dev.tern.relay.internal.codec.CommandLine;
import dev.tern.relay.internal.codec.MailParameters;
import dev.tern.relay.internal.codec.PathArgument;
import dev.tern.relay.internal.codec.PathSyntax;
import dev.tern.relay.internal.codec.Reply;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.parsetools.RecordParser;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The parsing an SMTP session does with each command line, without its I/O and state machine: the same framer
 * (a Vert.x {@link RecordParser} on CRLF), the line-length check, strict UTF-8 decoding and the control-character
 * check of {@code SmtpSession.onRecord}, then {@link CommandLine} and, for MAIL and RCPT, the path and parameter
 * parsing {@code MailHandler} and {@code RcptHandler} do before they consult any store. A line that the server
 * would refuse is counted as refused, so a caller can tell that every command of its input was understood.
 * Not thread-safe: one per session, like the framer it wraps.
 */
public final class SmtpCommandReader {

  /** SmtpSession's framer limit. */
  private static final int FRAMER_LIMIT = 256 * 1024;

  private final RecordParser framer = RecordParser.newDelimited("\r\n");
  private final int maxCommandLineLength;
  private boolean smtpUtf8;
  private int understood;
  private int refused;
  private PathSyntax.Result lastPath;

  public SmtpCommandReader(int maxCommandLineLength) {
    this.maxCommandLineLength = maxCommandLineLength;
    framer.maxRecordSize(FRAMER_LIMIT);
    framer.handler(this::onLine);
  }

  /** Hands received bytes to the framer; complete lines are parsed at once. */
  public void feed(Buffer received) {
    framer.handle(received);
  }

  /** Commands understood since the last call, and resets the count. */
  public int takeUnderstood() {
    int n = understood;
    understood = 0;
    return n;
  }

  /** Commands the server would have refused as unparsable so far. */
  public int refused() {
    return refused;
  }

  /** The sender or recipient path parsed last. */
  public PathSyntax.Result lastPath() {
    return lastPath;
  }

  private void onLine(Buffer record) {
    if (record.length() + 2 > maxCommandLineLength) {
      refused++;
      return;
    }
    String line = decode(record);
    if (line == null || CommandLine.hasControlCharacters(line)) {
      refused++;
      return;
    }
    CommandLine command = CommandLine.parse(line);
    boolean ok = switch (command.verb()) {
      case "MAIL" -> mail(command.argument());
      case "RCPT" -> rcpt(command.argument());
      case "EHLO", "HELO", "DATA", "RSET", "NOOP", "QUIT" -> true;
      default -> false;
    };
    if (ok) {
      understood++;
    } else {
      refused++;
    }
  }

  private boolean mail(String argument) {
    PathArgument path = PathArgument.parse(argument, "FROM");
    if (path == null) {
      return false;
    }
    MailParameters.Result parameters = MailParameters.parse(path.parameters());
    if (parameters.error() != null) {
      return false;
    }
    smtpUtf8 = parameters.parameters().smtpUtf8();
    lastPath = PathSyntax.parse(path.path(), true, smtpUtf8, false);
    return lastPath.ok();
  }

  private boolean rcpt(String argument) {
    PathArgument path = PathArgument.parse(argument, "TO");
    if (path == null) {
      return false;
    }
    Reply badParameter = MailParameters.checkRecipientParameters(path.parameters());
    if (badParameter != null) {
      return false;
    }
    lastPath = PathSyntax.parse(path.path(), false, smtpUtf8, true);
    return lastPath.ok();
  }

  /** As SmtpSession decodes a command: UTF-8, malformed input refused rather than replaced. */
  private static String decode(Buffer record) {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(record.getBytes())).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
