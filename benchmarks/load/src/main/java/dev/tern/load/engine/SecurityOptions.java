package dev.tern.load.engine;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * TLS and authentication options every protocol shares (a picocli mixin). Certificates are not verified: this is a
 * load tool, pointed at test servers with self-signed certificates.
 */
public final class SecurityOptions {

  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  @Option(names = "--tls", description = "Upgrade each connection with STARTTLS (STLS for POP3) before anything else.")
  boolean startTls;

  @Option(names = "--implicit-tls", description = "Speak TLS from the first byte (SMTPS, IMAPS, POP3S ports).")
  boolean implicitTls;

  @Option(names = "--auth", paramLabel = "USER:PASSWORD", converter = CredentialsConverter.class,
      description = "Log in with these credentials (SMTP AUTH PLAIN, IMAP LOGIN, POP3 USER/PASS).")
  Credentials credentials;

  @Option(names = "--allow-plaintext-auth",
      description = "Send --auth credentials without TLS to a target that is not loopback.")
  boolean allowPlaintextAuth;

  public boolean startTls() {
    return startTls;
  }

  public boolean implicitTls() {
    return implicitTls;
  }

  public boolean tls() {
    return startTls || implicitTls;
  }

  /** The credentials, or null when none were given. */
  public Credentials credentials() {
    return credentials;
  }

  /**
   * Refuses contradictory options, and credentials that would cross the network in plaintext unless the user
   * asked for it.
   */
  public void validate(Target target) {
    validate(target, credentials);
  }

  /** The same checks for credentials a subcommand took from options of its own (--user and --password). */
  public void validate(Target target, Credentials credentials) {
    if (startTls && implicitTls) {
      throw new ParameterException(command.commandLine(), "--tls and --implicit-tls exclude each other");
    }
    if (credentials != null && !tls() && !target.loopback() && !allowPlaintextAuth) {
      throw new ParameterException(command.commandLine(), "refusing to send the --auth password in plaintext to "
          + target + ": add --tls or --implicit-tls, or --allow-plaintext-auth");
    }
  }

  /** picocli: --auth. */
  static final class CredentialsConverter implements ITypeConverter<Credentials> {
    @Override
    public Credentials convert(String value) {
      try {
        return Credentials.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }
}
