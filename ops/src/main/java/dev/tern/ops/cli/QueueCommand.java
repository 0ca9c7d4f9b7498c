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

@Command(name = "queue", description = "Look at and act on the running server's queue (through its admin API).",
    subcommands = {QueueCommand.ListQueue.class, QueueCommand.Show.class, QueueCommand.Count.class,
        QueueCommand.Flush.class, QueueCommand.Retry.class, QueueCommand.Delete.class, QueueCommand.Bounce.class})
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

  /** The recipient states `tern queue list --state` selects. */
  enum State { QUEUED, DEFERRED }

  @Command(name = "list", description = "Queued messages, oldest first: id, age, size, sender, recipients.")
  static final class ListQueue extends QueueLeaf {
    @Option(names = "--limit", paramLabel = "N", defaultValue = "100", description = "At most N messages (default 100).")
    int limit;

    @Option(names = "--domain", paramLabel = "D", description = "Only messages with a waiting recipient at domain D.")
    String domain;

    @Option(names = "--state", paramLabel = "STATE",
        description = "Only messages with a recipient in this state: queued (not tried yet) or deferred.")
    State state;

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
      String stateName = state == null ? null : state.name().toLowerCase(java.util.Locale.ROOT);
      for (Object m : client().list(limit, domain, stateName).getJsonArray("messages")) {
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

  @Command(name = "flush", description = "Try every waiting recipient now.")
  static final class Flush extends QueueLeaf {
    Flush(CliEnvironment env) {
      super(env);
    }

    @Override
    void execute() throws IOException {
      int n = client().flush().getInteger("recipients");
      print("flushed: " + n + (n == 1 ? " recipient" : " recipients") + " due now\n");
    }
  }

  /** retry, delete and bounce: one message by id, one line saying what changed. */
  abstract static class MessageAction extends QueueLeaf {
    @Parameters(paramLabel = "ID", description = "The queue id (from `tern queue list`).")
    String id;

    MessageAction(CliEnvironment env) {
      super(env);
    }

    abstract String action();

    abstract String done(int recipients);

    @Override
    void execute() throws IOException {
      print(id + ": " + done(client().act(id, action()).getInteger("recipients")) + "\n");
    }

    static String recipients(int n) {
      return n + (n == 1 ? " recipient" : " recipients");
    }
  }

  @Command(name = "retry", description = "Try the waiting recipients of one message now.")
  static final class Retry extends MessageAction {
    Retry(CliEnvironment env) {
      super(env);
    }

    @Override
    String action() {
      return "retry";
    }

    @Override
    String done(int n) {
      return recipients(n) + " due now";
    }
  }

  @Command(name = "delete", description = "Give up one message: its open recipients fail, the sender is not told.")
  static final class Delete extends MessageAction {
    Delete(CliEnvironment env) {
      super(env);
    }

    @Override
    String action() {
      return "delete";
    }

    @Override
    String done(int n) {
      return "deleted, " + recipients(n) + " failed without a report";
    }
  }

  @Command(name = "bounce", description = "Give up one message and send its sender a failure report (DSN).")
  static final class Bounce extends MessageAction {
    Bounce(CliEnvironment env) {
      super(env);
    }

    @Override
    String action() {
      return "bounce";
    }

    @Override
    String done(int n) {
      return "bounced, " + recipients(n) + " failed";
    }
  }
}
