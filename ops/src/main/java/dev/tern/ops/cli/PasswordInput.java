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
 * Where passwords and other login secrets come from: one line of stdin, or the terminal (asked twice when setting
 * one). Never the command line, where other users could read it in the process list.
 */
final class PasswordInput {

  /** A kind of secret: how messages name it and which option reads it from stdin. */
  record Secret(String noun, String stdinOption) {
  }

  static final Secret PASSWORD = new Secret("password", "--password-stdin");
  static final Secret APOP_SECRET = new Secret("APOP secret", "--secret-stdin");

  private static final int MAX_BYTES = 4096;

  private PasswordInput() {}

  static char[] fromStdin(InputStream in) {
    return fromStdin(in, PASSWORD);
  }

  static char[] fromStdin(InputStream in, Secret kind) {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    try {
      int b;
      while ((b = in.read()) != -1 && b != '\n') {
        if (line.size() >= MAX_BYTES) {
          throw new UserError(kind.noun() + " on stdin is longer than " + MAX_BYTES + " bytes");
        }
        line.write(b);
      }
    } catch (IOException e) {
      throw new UserError("cannot read the " + kind.noun() + " from stdin: " + e.getMessage(), e);
    }
    byte[] bytes = line.toByteArray();
    int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
    CharBuffer chars = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(bytes, 0, length));
    Arrays.fill(bytes, (byte) 0);
    char[] secret = Arrays.copyOfRange(chars.array(), chars.position(), chars.limit());
    Arrays.fill(chars.array(), '\0');
    if (secret.length == 0) {
      throw new UserError("no " + kind.noun() + " on stdin (expected one line)");
    }
    return secret;
  }

  static char[] fromConsole(Console console, String who) {
    return fromConsole(console, who, PASSWORD);
  }

  static char[] fromConsole(Console console, String who, Secret kind) {
    if (console == null) {
      throw new UserError("no terminal to ask for the " + kind.noun() + "; pipe it in with " + kind.stdinOption());
    }
    String label = Character.toUpperCase(kind.noun().charAt(0)) + kind.noun().substring(1);
    char[] first = console.readPassword("%s for %s: ", label, who);
    if (first == null || first.length == 0) {
      throw new UserError("empty " + kind.noun());
    }
    char[] second = console.readPassword("Again: ");
    boolean same = Arrays.equals(first, second);
    if (second != null) {
      Arrays.fill(second, '\0');
    }
    if (!same) {
      Arrays.fill(first, '\0');
      throw new UserError(kind.noun() + "s do not match");
    }
    return first;
  }
}
