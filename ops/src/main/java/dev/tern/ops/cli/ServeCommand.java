package dev.tern.ops.cli;

import dev.tern.ops.config.TernConfig;
import dev.tern.ops.server.DataDirectoryInUseException;
import dev.tern.ops.server.TernServer;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

@Command(name = "serve", description = "Run the mail server until SIGTERM or SIGINT.")
final class ServeCommand extends CliCommand {

  ServeCommand(CliEnvironment env) {
    super(env);
  }

  @Override
  void execute() throws IOException {
    TernConfig config = common.load();
    TernServer server = new TernServer(env.backends().get());
    try {
      await(server.start(config).toCompletionStage().toCompletableFuture());
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof DataDirectoryInUseException) {
        throw new UserError(cause.getMessage(), cause);
      }
      throw new UserError("cannot start: " + (cause.getMessage() == null ? cause.toString() : cause.getMessage()), cause);
    }
    CompletableFuture<Void> stopped = new CompletableFuture<>();
    Runnable stop = () -> server.stop().onComplete(done -> stopped.complete(null));
    if (env.signals()) {
      ShutdownSignals.install(stop);
    }
    try {
      await(stopped);
    } catch (ExecutionException impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  private static void await(CompletableFuture<Void> future) throws ExecutionException {
    try {
      future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UserError("interrupted", e);
    }
  }
}
