package dev.tern.ops.cli;

import dev.tern.ops.config.TernConfig;
import dev.tern.ops.http.OpsHttpServer;
import dev.tern.ops.server.AdminToken;
import io.vertx.core.json.JsonObject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.time.Instant;

@Command(name = "queue", description = "Look at the running server's queue (through its admin API).",
    subcommands = {QueueCommand.ListQueue.class, QueueCommand.Show.class, QueueCommand.Count.class})
final class QueueCommand extends GroupCommand {

  abstract static class QueueLeaf extends CliCommand {
    QueueLeaf(CliEnvironment env) {
      super(env);
    }

    QueueClient client() throws IOException {
      TernConfig config = common.load();
      AdminToken token = AdminToken.read(config.dataDir());
      return new QueueClient(env.http().get(), QueueClient.baseUri(config.http()), token);
    }

    void print(String text) {
      env.out().print(text);
      env.out().flush();
    }
  }

  @Command(name = "list", description = "Queued messages, oldest first: id, age, size, sender, recipients.")
  static final class ListQueue extends QueueLeaf {
    @Option(names = "--limit", paramLabel = "N", defaultValue = "100", description = "At most N messages (default 100).")
    int limit;

    ListQueue(CliEnvironment env) {
      super(env);
    }

    @Override
    void execute() throws IOException {
      if (limit < 1 || limit > OpsHttpServer.MAX_LIST_LIMIT) {
        throw new UserError("--limit must be from 1 to " + OpsHttpServer.MAX_LIST_LIMIT);
      }
      Instant now = Instant.now();
      StringBuilder text = new StringBuilder();
      for (Object m : client().list(limit).getJsonArray("messages")) {
        text.append(QueueFormat.line((JsonObject) m, now)).append('\n');
      }
      print(text.toString());
    }
  }

  @Command(name = "show", description = "Everything about one message.")
  static final class Show extends QueueLeaf {
    @Parameters(paramLabel = "ID")
    String id;

    Show(CliEnvironment env) {
      super(env);
    }

    @Override
    void execute() throws IOException {
      print(QueueFormat.block(client().show(id), Instant.now()));
    }
  }

  @Command(name = "count", description = "How many messages are queued.")
  static final class Count extends QueueLeaf {
    Count(CliEnvironment env) {
      super(env);
    }

    @Override
    void execute() throws IOException {
      print(client().count().getLong("count") + "\n");
    }
  }
}
