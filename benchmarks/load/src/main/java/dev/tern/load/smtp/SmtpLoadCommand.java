package dev.tern.load.smtp;

import dev.tern.load.engine.LoadLauncher;
import dev.tern.load.engine.LoadOptions;
import dev.tern.load.engine.RunSettings;
import dev.tern.load.engine.SecurityOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

/** `tern load smtp`: sends messages over SMTP and reports what the server answered and how fast. */
@Command(name = "smtp", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Send mail to an SMTP server as fast as it takes it (closed loop) or at a fixed rate (--rate),",
        "and report outcomes and latency per phase. Exit code 0: every message accepted; 3: some were refused or",
        "hit connection errors; 1: a problem the message explains; 2: wrong usage."})
public final class SmtpLoadCommand implements Callable<Integer> {

  private static final Pattern ADDRESS = Pattern.compile("[^\\s<>()\\[\\],;:@\"]+@[A-Za-z0-9.\\-\\[\\]:]+");
  private static final int MAX_RECIPIENTS = 1000;

  @Spec
  CommandSpec spec;

  @Mixin
  LoadOptions load;

  @Mixin
  SecurityOptions security;

  @Option(names = "--messages", paramLabel = "M",
      description = "Messages to send (default 1000, or no limit when --duration is given).")
  Long messages;

  @Option(names = "--size", paramLabel = "SIZE", defaultValue = "4k", converter = SizesConverter.class,
      description = "Message size: 4096, 4k, 1m, or a weighted mix such as 4k:70,64k:25,1m:5 (default: 4k).")
  SizeDistribution sizes;

  @Option(names = "--recipients", paramLabel = "K", defaultValue = "1",
      description = "Recipients per message (default: 1).")
  int recipients;

  @Option(names = "--from", paramLabel = "ADDRESS", defaultValue = "load@example.com",
      description = "Envelope and header sender (default: ${DEFAULT-VALUE}).")
  String from;

  @Option(names = "--to", paramLabel = "ADDRESS",
      description = "Recipient; repeatable. Recipients beyond those given are the first one plus-addressed:"
          + " local+2@domain, local+3@domain... (default: sink@example.com).")
  List<String> to = new ArrayList<>();

  @Option(names = "--ehlo", paramLabel = "NAME", defaultValue = "load.tern.invalid",
      description = "Name given in EHLO (default: ${DEFAULT-VALUE}).")
  String ehlo;

  @Option(names = "--pipelining",
      description = "Send MAIL, RCPTs and DATA in one write when the server offers PIPELINING (RFC 2920).")
  boolean pipelining;

  @Option(names = "--per-connection", paramLabel = "N", defaultValue = "0",
      description = "QUIT and reconnect after N messages (default: 0, keep the connection).")
  int perConnection;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
      description = "Seed for the choice of sizes and templates (default: ${DEFAULT-VALUE}).")
  long seed;

  @Override
  public Integer call() throws InterruptedException {
    security.validate(load.target());
    if (messages != null && messages < 1) {
      throw usage("--messages must be at least 1");
    }
    if (recipients < 1 || recipients > MAX_RECIPIENTS) {
      throw usage("--recipients must be between 1 and " + MAX_RECIPIENTS);
    }
    if (perConnection < 0) {
      throw usage("--per-connection must not be negative");
    }
    if (!ehlo.matches("[A-Za-z0-9.\\-\\[\\]:]{1,255}")) {
      throw usage("--ehlo must be a host name or address literal");
    }
    List<String> rcpts = recipientList();
    checkAddress("--from", from);
    RunSettings settings = load.settings(messages, 1000);
    MessageFactory factory;
    try {
      factory = new MessageFactory(sizes, seed, from, rcpts, runId());
    } catch (IllegalArgumentException e) {
      throw usage(e.getMessage());
    }
    SmtpLoadConfig.Tls tls = security.implicitTls() ? SmtpLoadConfig.Tls.IMPLICIT
        : security.startTls() ? SmtpLoadConfig.Tls.STARTTLS : SmtpLoadConfig.Tls.NONE;
    SmtpLoadConfig config = new SmtpLoadConfig(load.target(), tls, security.credentials(), ehlo, from, rcpts,
        pipelining, perConnection, load.timeout(), factory);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("size", sizes.toString());
    details.put("recipients", recipients);
    details.put("pipelining", pipelining);
    details.put("perConnection", perConnection);
    details.put("tls", tls.name().toLowerCase(java.util.Locale.ROOT));
    return LoadLauncher.launch(new SmtpWorkload(config), settings, load, details, spec.commandLine().getOut(),
        spec.commandLine().getErr());
  }

  /** The given addresses, then the first one plus-addressed up to --recipients. */
  List<String> recipientList() {
    List<String> given = to.isEmpty() ? List.of("sink@example.com") : to;
    for (String address : given) {
      checkAddress("--to", address);
    }
    List<String> all = new ArrayList<>(given.subList(0, Math.min(given.size(), recipients)));
    String first = given.get(0);
    int at = first.lastIndexOf('@');
    for (int n = all.size() + 1; n <= recipients; n++) {
      all.add(first.substring(0, at) + "+" + n + first.substring(at));
    }
    return all;
  }

  private void checkAddress(String option, String address) {
    if (address.length() > 254 || !ADDRESS.matcher(address).matches()) {
      throw usage(option + " '" + address + "' is not a mail address (local@domain)");
    }
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }

  /** Message-IDs unique across runs: 12 random base-36 digits. */
  private static String runId() {
    SecureRandom random = new SecureRandom();
    StringBuilder id = new StringBuilder();
    for (int i = 0; i < 12; i++) {
      id.append(Character.forDigit(random.nextInt(36), 36));
    }
    return id.toString();
  }

  /** picocli: --size. */
  static final class SizesConverter implements ITypeConverter<SizeDistribution> {
    @Override
    public SizeDistribution convert(String value) {
      try {
        return SizeDistribution.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }
}
