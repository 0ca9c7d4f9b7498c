package dev.tern.load.sink;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Every reply the sink sends, encoded once per sink: a session appends these byte arrays to its output and never
 * formats a reply per message. Codes and enhanced status codes follow RFC 5321 and RFC 3463.
 */
final class Replies {

  final byte[] greeting;
  final byte[] ehlo;
  final byte[] ehloWithStartTls;
  final byte[] helo;
  final byte[] tooManyErrors;
  final byte[] idleTimeout;

  static final byte[] OK = ascii("250 2.0.0 Ok");
  static final byte[] SENDER_OK = ascii("250 2.1.0 Sender ok");
  static final byte[] RECIPIENT_OK = ascii("250 2.1.5 Recipient ok");
  static final byte[] QUEUED = ascii("250 2.0.0 Ok: message accepted");
  static final byte[] START_DATA = ascii("354 End data with <CR><LF>.<CR><LF>");
  static final byte[] READY_FOR_TLS = ascii("220 2.0.0 Ready to start TLS");
  static final byte[] BYE = ascii("221 2.0.0 Bye");
  static final byte[] CANNOT_VRFY = ascii("252 2.5.0 Cannot VRFY user, but will accept message and attempt delivery");
  static final byte[] HELP = ascii("214 2.0.0 Commands: EHLO HELO MAIL RCPT DATA BDAT RSET NOOP QUIT VRFY HELP"
      + " STARTTLS");

  static final byte[] TEMPORARY_INJECTED = ascii("451 4.3.0 Temporary failure (injected by the sink)");
  static final byte[] PERMANENT_INJECTED = ascii("554 5.3.0 Permanent failure (injected by the sink)");
  static final byte[] SPOOL_FAILED = ascii("451 4.3.0 Could not write the message to the spool");
  static final byte[] TOO_MANY_RECIPIENTS = ascii("452 4.5.3 Too many recipients");
  static final byte[] MESSAGE_TOO_BIG = ascii("552 5.3.4 Message size exceeds fixed maximum message size");
  static final byte[] NO_VALID_RECIPIENTS = ascii("554 5.5.1 No valid recipients");
  static final byte[] NON_ASCII_ADDRESS = ascii("553 5.6.7 Non-ASCII address without SMTPUTF8");

  static final byte[] UNRECOGNIZED = ascii("500 5.5.2 Command not recognized");
  static final byte[] LINE_TOO_LONG = ascii("500 5.5.2 Line too long (the limit is 512 octets with CRLF)");
  static final byte[] BARE_LF = ascii("500 5.5.2 Command lines end with CRLF, not a bare LF");
  static final byte[] NOT_IMPLEMENTED = ascii("502 5.5.1 Command not implemented");
  static final byte[] NEED_HELLO = ascii("503 5.5.1 Send EHLO or HELO first");
  static final byte[] NESTED_MAIL = ascii("503 5.5.1 Sender already given");
  static final byte[] NEED_MAIL = ascii("503 5.5.1 Need MAIL command");
  static final byte[] NEED_RCPT = ascii("503 5.5.1 Need RCPT command");
  static final byte[] CHUNKING_IN_PROGRESS = ascii("503 5.5.1 BDAT transfer in progress: send BDAT, RSET or QUIT");
  static final byte[] ALREADY_TLS = ascii("503 5.5.1 TLS already active");
  static final byte[] HELLO_SYNTAX = ascii("501 5.5.4 Syntax: EHLO hostname");
  static final byte[] NO_ARGUMENTS = ascii("501 5.5.4 This command takes no arguments");
  static final byte[] MAIL_SYNTAX = ascii("501 5.5.4 Syntax: MAIL FROM:<address> [parameters]");
  static final byte[] RCPT_SYNTAX = ascii("501 5.5.4 Syntax: RCPT TO:<address>");
  static final byte[] VRFY_SYNTAX = ascii("501 5.5.4 Syntax: VRFY address");
  static final byte[] BDAT_SYNTAX = ascii("501 5.5.4 Syntax: BDAT size [LAST]");
  static final byte[] BAD_ADDRESS = ascii("501 5.1.3 Bad address syntax");
  static final byte[] BAD_PARAMETER_VALUE = ascii("501 5.5.4 Bad parameter value");
  static final byte[] UNKNOWN_PARAMETER = ascii("555 5.5.4 Parameter not recognized or not implemented");

  Replies(String hostname, long maxMessageSize) {
    greeting = ascii("220 " + hostname + " ESMTP Tern sink");
    helo = ascii("250 " + hostname);
    List<String> lines = new ArrayList<>(List.of(hostname, "PIPELINING", "SIZE " + maxMessageSize, "8BITMIME",
        "SMTPUTF8", "ENHANCEDSTATUSCODES", "CHUNKING"));
    ehlo = multiline(lines);
    lines.add("STARTTLS");
    ehloWithStartTls = multiline(lines);
    tooManyErrors = ascii("421 4.7.0 " + hostname + " Too many errors, closing the connection");
    idleTimeout = ascii("421 4.4.2 " + hostname + " Idle for too long, closing the connection");
  }

  private static byte[] multiline(List<String> lines) {
    StringBuilder reply = new StringBuilder();
    for (int i = 0; i < lines.size(); i++) {
      reply.append("250").append(i == lines.size() - 1 ? ' ' : '-').append(lines.get(i)).append("\r\n");
    }
    return reply.toString().getBytes(StandardCharsets.US_ASCII);
  }

  /** A reply line with its CRLF. */
  private static byte[] ascii(String reply) {
    return (reply + "\r\n").getBytes(StandardCharsets.US_ASCII);
  }
}
