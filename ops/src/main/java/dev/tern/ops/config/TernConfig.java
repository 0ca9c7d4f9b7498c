package dev.tern.ops.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Everything `tern serve` reads from its config file, with every default filled in.
 *
 * @param dataDir       where accounts, spool, TLS material, the admin token and the lock live
 * @param hostname      the name the server gives in its greeting and Received headers
 * @param localDomains  seed of the accounts' domain list on first start
 * @param shutdownGrace how long sessions in DATA may take to finish on SIGTERM
 */
public record TernConfig(
    Path dataDir,
    String hostname,
    List<String> localDomains,
    SmtpConfig smtp,
    TlsConfig tls,
    HttpConfig http,
    SpoolConfig spool,
    DeliveryConfig delivery,
    DnsConfig dns,
    MailboxConfig mailboxes,
    Pop3Config pop3,
    ImapConfig imap,
    Duration shutdownGrace) {

  public TernConfig {
    localDomains = List.copyOf(localDomains);
  }

  /** The same config with another data directory (the command line's --data wins over the file). */
  public TernConfig withDataDir(Path dir) {
    return new TernConfig(dir, hostname, localDomains, smtp, tls, http, spool, delivery, dns, mailboxes, pop3, imap,
        shutdownGrace);
  }

  public TernConfig withSmtp(SmtpConfig other) {
    return new TernConfig(dataDir, hostname, localDomains, other, tls, http, spool, delivery, dns, mailboxes, pop3,
        imap, shutdownGrace);
  }

  public TernConfig withPop3(Pop3Config other) {
    return new TernConfig(dataDir, hostname, localDomains, smtp, tls, http, spool, delivery, dns, mailboxes, other,
        imap, shutdownGrace);
  }

  public TernConfig withImap(ImapConfig other) {
    return new TernConfig(dataDir, hostname, localDomains, smtp, tls, http, spool, delivery, dns, mailboxes, pop3,
        other, shutdownGrace);
  }

  public TernConfig withHttp(HttpConfig other) {
    return new TernConfig(dataDir, hostname, localDomains, smtp, tls, other, spool, delivery, dns, mailboxes, pop3,
        imap, shutdownGrace);
  }
}
