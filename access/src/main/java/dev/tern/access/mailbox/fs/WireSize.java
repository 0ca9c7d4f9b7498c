package dev.tern.access.mailbox.fs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The size of a message file as the protocols send it: every line ending CRLF and the last line ended. Tern
 * stores what SMTP received (CRLF already), but other tools (procmail, mutt, Dovecot) write bare LF; POP3's LIST
 * and IMAP's RFC822.SIZE must announce the octets that are actually sent. Used when a file is adopted by a rescan.
 */
final class WireSize {

  private WireSize() {
  }

  static long of(Path file) throws IOException {
    long octets = 0;
    boolean afterCr = false;
    int last = -1;
    byte[] chunk = new byte[64 * 1024];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n = in.read(chunk); n > 0; n = in.read(chunk)) {
        for (int i = 0; i < n; i++) {
          byte b = chunk[i];
          if (afterCr && b != '\n') {
            octets++; // the CR before was bare: an LF goes out after it
          }
          if (b == '\n' && !afterCr) {
            octets++; // a bare LF: a CR goes out before it
          }
          octets++;
          afterCr = b == '\r';
          last = b;
        }
      }
    }
    if (afterCr) {
      octets++; // a bare CR at the very end
    } else if (last != -1 && last != '\n') {
      octets += 2; // the last line is ended on the wire
    }
    return octets;
  }
}
