package dev.tern.load.sink;

/**
 * Assembles command lines from reads, however the client's writes were split, and hands each whole line to the
 * dialog: a line of at most 512 octets with its CRLF (RFC 5321 section 4.5.3.1.4) as a command, a longer one as
 * "line too long" once its LF arrives (what came before is dropped), one ended by a bare LF as a bare LF.
 */
final class CommandLineReader {

  private static final int MAX_LINE = 512;

  private final byte[] line = new byte[MAX_LINE];
  private int length;
  private boolean tooLong;

  /** Reads from {@code in[from, to)} up to and including the first LF; returns the index after what it read. */
  int read(byte[] in, int from, int to, SmtpDialog dialog) {
    int lineFeed = from;
    while (lineFeed < to && in[lineFeed] != '\n') {
      lineFeed++;
    }
    int octets = lineFeed - from;
    if (!tooLong) {
      if (length + octets > MAX_LINE - 1) {
        tooLong = true;
      } else {
        System.arraycopy(in, from, line, length, octets);
        length += octets;
      }
    }
    if (lineFeed == to) {
      return to;
    }
    if (tooLong) {
      dialog.lineTooLong();
    } else if (length == 0 || line[length - 1] != '\r') {
      dialog.bareLineFeed();
    } else {
      dialog.command(line, length - 1);
    }
    reset();
    return lineFeed + 1;
  }

  /** Forgets a partial line (TLS starts afresh). */
  void reset() {
    length = 0;
    tooLong = false;
  }
}
