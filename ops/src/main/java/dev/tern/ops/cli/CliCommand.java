package dev.tern.ops.cli;

import picocli.CommandLine.Mixin;

import java.io.IOException;
import java.util.concurrent.Callable;

/** A leaf command: has --data/--config, runs with the environment, turns I/O trouble into user errors. */
abstract class CliCommand implements Callable<Integer> {

  @Mixin
  CommonOptions common;

  final CliEnvironment env;

  CliCommand(CliEnvironment env) {
    this.env = env;
  }

  @Override
  public final Integer call() {
    try {
      execute();
      return 0;
    } catch (IOException e) {
      throw new UserError(describe(e), e);
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage(), e);
    }
  }

  abstract void execute() throws IOException;

  static String describe(IOException e) {
    String message = e.getMessage();
    if (e instanceof java.nio.file.NoSuchFileException nsf) {
      return nsf.getFile() + (nsf.getReason() == null ? ": no such file" : ": " + nsf.getReason());
    }
    if (e instanceof java.nio.file.AccessDeniedException ade) {
      return ade.getFile() + ": permission denied";
    }
    return message == null ? e.getClass().getSimpleName() : message;
  }
}
