package dev.tern.ops.cli;

import java.io.ByteArrayOutputStream;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Where passwords come from: one line of stdin, or the terminal (asked twice when setting one). Never
 * the command line, where other users could read it in the process list.
 */
final class PasswordInput {

  private static final int MAX_BYTES = 4096;

  private PasswordInput() {}

  static char[] fromStdin(InputStream in) {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    try {
      int b;
      while ((b = in.read()) != -1 && b != '\n') {
        if (line.size() >= MAX_BYTES) {
          throw new UserError("password on stdin is longer than " + MAX_BYTES + " bytes");
        }
        line.write(b);
      }
    } catch (IOException e) {
      throw new UserError("cannot read the password from stdin: " + e.getMessage(), e);
    }
    byte[] bytes = line.toByteArray();
    int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
    CharBuffer chars = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(bytes, 0, length));
    Arrays.fill(bytes, (byte) 0);
    char[] password = Arrays.copyOfRange(chars.array(), chars.position(), chars.limit());
    Arrays.fill(chars.array(), '\0');
    if (password.length == 0) {
      throw new UserError("no password on stdin (expected one line)");
    }
    return password;
  }

  static char[] fromConsole(Console console, String who) {
    if (console == null) {
      throw new UserError("no terminal to ask for the password; pipe it in with --password-stdin");
    }
    char[] first = console.readPassword("Password for %s: ", who);
    if (first == null || first.length == 0) {
      throw new UserError("empty password");
    }
    char[] second = console.readPassword("Again: ");
    boolean same = Arrays.equals(first, second);
    if (second != null) {
      Arrays.fill(second, '\0');
    }
    if (!same) {
      Arrays.fill(first, '\0');
      throw new UserError("passwords do not match");
    }
    return first;
  }
}
