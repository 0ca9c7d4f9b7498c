package dev.tern.load.imap;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.parsetools.RecordParser;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cuts the byte stream from an IMAP server into responses. A response is a line, unless the line ends with a literal
 * announcement {@code {n}} (or {@code ~{n}}, RFC 3516): then n octets follow, and after them the response goes on
 * with another line. The parser switches between CRLF-delimited mode for lines and fixed-size mode for literals;
 * literal octets are counted and dropped in chunks, so a large message body never sits in memory whole.
 *
 * <p>Limits: a line (and a response's text without its literals) holds at most {@link #MAX_TEXT_OCTETS}, a literal
 * at most {@link #MAX_LITERAL_OCTETS}. Exceeding one is a protocol error, reported once; the reader then ignores
 * everything.
 */
final class ImapResponseReader implements Handler<Buffer> {

  static final int MAX_TEXT_OCTETS = 1 << 20;
  static final long MAX_LITERAL_OCTETS = 1L << 31;
  static final int LITERAL_CHUNK_OCTETS = 64 * 1024;
  private static final Pattern LITERAL_AT_END = Pattern.compile("\\{(\\d{1,19})\\+?}$");

  private final RecordParser parser;
  private final Handler<ImapResponse> output;
  private final Handler<String> protocolError;
  private final StringBuilder text = new StringBuilder();
  private long literalOctets;
  private long literalRemaining;
  private boolean failed;

  ImapResponseReader(Handler<ImapResponse> output, Handler<String> protocolError) {
    this.output = output;
    this.protocolError = protocolError;
    this.parser = RecordParser.newDelimited("\r\n", this::record);
    parser.maxRecordSize(MAX_TEXT_OCTETS);
    parser.exceptionHandler(e -> fail("a line longer than " + MAX_TEXT_OCTETS + " octets"));
  }

  @Override
  public void handle(Buffer chunk) {
    if (!failed) {
      parser.handle(chunk);
    }
  }

  private void record(Buffer record) {
    if (failed) {
      return;
    }
    if (literalRemaining > 0) {
      literalRemaining -= record.length();
      if (literalRemaining > 0) {
        parser.fixedSizeMode(chunkSize());
      } else {
        parser.delimitedMode("\r\n");
      }
      return;
    }
    String line = record.toString(StandardCharsets.ISO_8859_1);
    text.append(line);
    if (text.length() > MAX_TEXT_OCTETS) {
      fail("a response longer than " + MAX_TEXT_OCTETS + " octets without its literals");
      return;
    }
    Matcher literal = LITERAL_AT_END.matcher(line);
    if (!literal.find()) {
      emit();
      return;
    }
    long announced;
    try {
      announced = Long.parseLong(literal.group(1));
    } catch (NumberFormatException tooLong) {
      announced = Long.MAX_VALUE;
    }
    if (announced > MAX_LITERAL_OCTETS) {
      fail("a literal of " + literal.group(1) + " octets (the limit is " + MAX_LITERAL_OCTETS + ")");
      return;
    }
    literalOctets += announced;
    literalRemaining = announced;
    if (announced > 0) {
      parser.fixedSizeMode(chunkSize());
    }
  }

  private int chunkSize() {
    return (int) Math.min(literalRemaining, LITERAL_CHUNK_OCTETS);
  }

  private void emit() {
    ImapResponse response = ImapResponse.of(text.toString(), literalOctets);
    text.setLength(0);
    literalOctets = 0;
    output.handle(response);
  }

  private void fail(String why) {
    if (!failed) {
      failed = true;
      protocolError.handle(why);
    }
  }
}
