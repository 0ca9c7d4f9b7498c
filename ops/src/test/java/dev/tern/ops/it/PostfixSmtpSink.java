package dev.tern.ops.it;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Postfix's smtp-sink as a separate process on one loopback address and port. With -c it prints a running
 * "sess=N quit=N mesg=N" counter after every DATA; a reader thread keeps the latest message count.
 */
final class PostfixSmtpSink implements AutoCloseable {

  private static final Pattern MESSAGES = Pattern.compile("mesg=(\\d+)");
  private static final String SINK = java.nio.file.Files.isExecutable(java.nio.file.Path.of("/usr/sbin/smtp-sink"))
      ? "/usr/sbin/smtp-sink" : "smtp-sink";

  private final Process process;
  private final AtomicInteger messages = new AtomicInteger();
  private final StringBuffer output = new StringBuffer();

  private PostfixSmtpSink(Process process) {
    this.process = process;
    Thread reader = new Thread(this::read, "smtp-sink-output");
    reader.setDaemon(true);
    reader.start();
  }

  static PostfixSmtpSink start(String address, int port) throws IOException {
    Tools.require("smtp-sink");
    List<String> command = "root".equals(System.getProperty("user.name"))
        // smtp-sink refuses to run as root without a user to drop to
        ? List.of(SINK, "-u", "nobody", "-c", address + ":" + port, "100")
        : List.of(SINK, "-c", address + ":" + port, "100");
    return new PostfixSmtpSink(new ProcessBuilder(command).redirectErrorStream(true).start());
  }

  /** Messages whose DATA completed so far. */
  int messages() {
    return messages.get();
  }

  String output() {
    return output.toString();
  }

  boolean alive() {
    return process.isAlive();
  }

  private void read() {
    try (InputStream in = process.getInputStream()) {
      byte[] buffer = new byte[4096];
      int n;
      while ((n = in.read(buffer)) > 0) {
        output.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
        Matcher m = MESSAGES.matcher(output.substring(Math.max(0, output.length() - 200)));
        int latest = -1;
        while (m.find()) {
          latest = Integer.parseInt(m.group(1));
        }
        if (latest >= 0) {
          messages.set(latest);
        }
      }
    } catch (IOException ended) {
      // the process went away; the count stays as last seen
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }
}
