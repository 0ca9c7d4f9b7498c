package dev.tern.relay.internal.codec;

import java.util.Locale;

/**
 * A parsed mailbox, source route already dropped.
 *
 * @param localPart     the local part as written (a quoted string keeps its quotes)
 * @param domain        the domain, or the address literal with its brackets; null only for the bare
 *                      {@code <Postmaster>} recipient
 * @param domainLiteral true for {@code [127.0.0.1]} style domains
 */
public record Mailbox(String localPart, String domain, boolean domainLiteral) {

  /** The address as stored in the envelope, without angle brackets. */
  public String address() {
    return domain == null ? localPart : localPart + "@" + domain;
  }

  /** The domain, lower-cased, for local-domain checks; null for the bare postmaster. */
  public String normalizedDomain() {
    return domain == null ? null : domain.toLowerCase(Locale.ROOT);
  }

  /**
   * True when the local part holds something that other MTAs read as a routing instruction: a '%'
   * (percent hack), '!' (bang path) or an '@' inside quotes. Such a local part must never make a
   * remote destination look local.
   */
  public boolean hasRoutingCharacters() {
    return localPart.indexOf('%') >= 0 || localPart.indexOf('!') >= 0 || localPart.indexOf('@') >= 0;
  }

  public boolean isAscii() {
    return address().chars().allMatch(c -> c < 0x80);
  }
}
