package dev.tern.load.sink;

import picocli.CommandLine;

/** `tern load sink` as its own process, for the test that stops it with SIGTERM. */
public final class SinkCommandMain {

  private SinkCommandMain() {}

  public static void main(String[] args) {
    System.exit(new CommandLine(new SinkCommand()).execute(args));
  }
}
