package dev.tern.ops.cli;

import dev.tern.ops.server.TernBackends;

import java.io.Console;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.http.HttpClient;
import java.util.function.Supplier;

/**
 * What the commands touch outside themselves, so that tests can run them in-process.
 *
 * @param stdin    where --password-stdin reads
 * @param console  the terminal for password prompts; supplies null when there is none
 * @param accounts the account files
 * @param backends what `tern serve` wires
 * @param http     the client `tern queue` uses
 * @param signals  whether `tern serve` installs SIGTERM/SIGINT handlers
 */
public record CliEnvironment(
    Supplier<InputStream> stdin,
    Supplier<Console> console,
    PrintWriter out,
    PrintWriter err,
    AccountFiles accounts,
    Supplier<TernBackends> backends,
    Supplier<HttpClient> http,
    boolean signals) {

  public static CliEnvironment system() {
    return new CliEnvironment(() -> System.in, System::console,
        new PrintWriter(System.out, true), new PrintWriter(System.err, true),
        AccountFiles.onDisk(), TernBackends::embedded, HttpClient::newHttpClient, true);
  }
}
