package dev.tern.load.mailbox;

import dev.tern.load.engine.Credentials;
import dev.tern.load.engine.SecurityOptions;
import dev.tern.load.engine.Target;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.time.Duration;

/**
 * The login options of the mailbox protocols (a picocli mixin): --user and --password as an alternative to the
 * shared --auth, and --sasl-plain. Also turns the shared TLS options into a {@link MailTarget}.
 */
public final class LoginOptions {

  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  @Option(names = "--user", paramLabel = "USER", description = "User to log in as (with --password; or use --auth).")
  String user;

  @Option(names = "--password", paramLabel = "PASSWORD", description = "Password for --user.")
  String password;

  @Option(names = "--sasl-plain", description = "Log in with SASL PLAIN (IMAP AUTHENTICATE PLAIN, POP3 AUTH PLAIN)"
      + " instead of IMAP LOGIN or POP3 USER/PASS.")
  boolean saslPlain;

  public boolean saslPlain() {
    return saslPlain;
  }

  /** The credentials from --auth or from --user and --password (exactly one way), checked like --auth. */
  public Credentials credentials(SecurityOptions security, Target target) {
    Credentials credentials;
    if (security.credentials() != null) {
      if (user != null || password != null) {
        throw usage("give either --auth or --user and --password, not both");
      }
      credentials = security.credentials();
    } else if (user == null || password == null) {
      throw usage("log in with --auth USER:PASSWORD, or --user USER --password PASSWORD");
    } else {
      try {
        credentials = new Credentials(user, password);
      } catch (IllegalArgumentException e) {
        throw usage(e.getMessage());
      }
    }
    security.validate(target, credentials);
    try {
      return CredentialsCheck.lineSafe(credentials);
    } catch (IllegalArgumentException e) {
      throw usage(e.getMessage());
    }
  }

  /** The target with the TLS mode the shared --tls / --implicit-tls options chose. */
  public static MailTarget target(Target address, SecurityOptions security, Duration timeout) {
    TlsMode tls = security.implicitTls() ? TlsMode.IMPLICIT : security.startTls() ? TlsMode.STARTTLS : TlsMode.NONE;
    return new MailTarget(address, tls, timeout);
  }

  private ParameterException usage(String message) {
    return new ParameterException(command.commandLine(), message);
  }
}
