package dev.tern.relay.internal.codec;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The RFC 5321 4.4 trace field the relay prepends to every accepted message. */
public final class ReceivedHeader {

  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT);

  private ReceivedHeader() {
  }

  /**
   * @param helo      the EHLO/HELO name (already validated: no spaces or controls)
   * @param clientIp  the client's IP address
   * @param hostname  our host name
   * @param esmtp     EHLO (true) or HELO
   * @param tls       the session is encrypted
   * @param auth      the client authenticated
   * @param utf8      SMTPUTF8 was used (RFC 6531 protocol names)
   * @param recipient the single recipient, or null when there are several
   */
  public static String format(String helo, String clientIp, String hostname, boolean esmtp, boolean tls,
      boolean auth, boolean utf8, String recipient, ZonedDateTime when) {
    String literal = clientIp.indexOf(':') >= 0 ? "IPv6:" + clientIp : clientIp;
    StringBuilder h = new StringBuilder(160);
    h.append("Received: from ").append(helo).append(" ([").append(literal).append("])\r\n")
        .append("\tby ").append(hostname).append(" with ").append(protocol(esmtp, tls, auth, utf8));
    if (recipient != null) {
      h.append("\r\n\tfor <").append(recipient).append('>');
    }
    h.append("; ").append(DATE.format(when)).append("\r\n");
    return h.toString();
  }

  /** RFC 3848 / RFC 6531 "with" protocol names. */
  static String protocol(boolean esmtp, boolean tls, boolean auth, boolean utf8) {
    if (!esmtp) {
      return "SMTP";
    }
    String suffix = (tls ? "S" : "") + (auth ? "A" : "");
    return (utf8 ? "UTF8SMTP" : "ESMTP") + suffix;
  }
}
