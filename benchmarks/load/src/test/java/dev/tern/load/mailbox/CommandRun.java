package dev.tern.load.mailbox;

import io.vertx.core.json.JsonObject;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/** A subcommand run in-process: its exit code, stdout, stderr, and the JSON report when one was asked for. */
public record CommandRun(int exitCode, String out, String err, JsonObject report) {

  public static CommandRun of(Object command, Path report, String... args) throws IOException {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = new CommandLine(command).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
    JsonObject json = report != null && Files.exists(report) ? new JsonObject(Files.readString(report)) : null;
    return new CommandRun(code, out.toString(), err.toString(), json);
  }

  public long operations(String key) {
    return report.getJsonObject("operations").getLong(key);
  }

  public long result(String key) {
    return report.getJsonObject("results").getLong(key);
  }

  public long phaseCount(String phase) {
    return report.getJsonObject("phases").getJsonObject(phase).getLong("count");
  }

  @Override
  public String toString() {
    return "exit " + exitCode + "\n--- out ---\n" + out + "--- err ---\n" + err;
  }
}
