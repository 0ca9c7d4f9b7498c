package dev.tern.load.smtp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Builds the part of a message after its per-message headers, to an exact length: a multipart/mixed body with a
 * multipart/alternative text/plain + text/html part and, when the size calls for it, base64 attachments making up
 * the rest; the smallest sizes (under about 1 KiB) get a single text/plain part. CRLF line ends, lines of at
 * most 78 octets.
 */
final class MessageTemplate {

  /** Bodies up to this size are text and HTML only; above it attachments take the rest. */
  private static final int TEXT_ONLY_UP_TO = 12 * 1024;
  private static final int ATTACHMENT_SPLIT = 1 << 20;
  private static final int MAX_ATTACHMENTS = 4;
  private static final int BASE64_LINE = 76;
  private static final int MIN_TEXT = 64;

  private MessageTemplate() {}

  /** {@code octets} bytes (or one more, when the arithmetic leaves a single octet over) of MIME headers and body. */
  static byte[] build(int octets, int variant, SplittableRandom random) {
    TextFiller filler = new TextFiller(random);
    String single = "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=us-ascii\r\n"
        + "Content-Transfer-Encoding: 7bit\r\n\r\n";
    String mixed = "=_tern-load-mixed-" + variant;
    String alternative = "=_tern-load-alt-" + variant;
    String head = "MIME-Version: 1.0\r\nContent-Type: multipart/mixed;\r\n boundary=\"" + mixed + "\"\r\n\r\n"
        + "This is a multi-part message in MIME format.\r\n"
        + "--" + mixed + "\r\nContent-Type: multipart/alternative;\r\n boundary=\"" + alternative + "\"\r\n\r\n"
        + "--" + alternative + "\r\nContent-Type: text/plain; charset=us-ascii\r\n"
        + "Content-Transfer-Encoding: 7bit\r\n\r\n";
    String htmlHead = "--" + alternative + "\r\nContent-Type: text/html; charset=us-ascii\r\n"
        + "Content-Transfer-Encoding: 7bit\r\n\r\n";
    String alternativeEnd = "--" + alternative + "--\r\n";
    String mixedEnd = "--" + mixed + "--\r\n";
    int skeleton = head.length() + htmlHead.length() + alternativeEnd.length() + mixedEnd.length();
    if (octets < skeleton + 4 * MIN_TEXT) {
      return ascii(single + filler.lines(textOctets(octets - single.length())));
    }
    int rest = octets - skeleton;
    List<String> attachments = new ArrayList<>();
    if (rest > TEXT_ONLY_UP_TO) {
      int budget = rest - 5 * 1024;
      int count = Math.min(MAX_ATTACHMENTS, 1 + budget / ATTACHMENT_SPLIT);
      for (int k = 1; k <= count; k++) {
        String partHead = "--" + mixed + "\r\nContent-Type: application/octet-stream; name=\"attachment-" + k
            + ".bin\"\r\nContent-Transfer-Encoding: base64\r\nContent-Disposition: attachment;\r\n filename=\"attachment-"
            + k + ".bin\"\r\n\r\n";
        int encoded = budget / count - partHead.length();
        attachments.add(partHead + base64(rawBytesFitting(encoded), random));
      }
      rest -= attachments.stream().mapToInt(String::length).sum();
    }
    String html = html(filler, Math.min(rest / 2, 6 * 1024));
    String text = filler.lines(textOctets(rest - html.length()));
    StringBuilder message = new StringBuilder(octets + 2)
        .append(head).append(text).append(htmlHead).append(html).append(alternativeEnd);
    attachments.forEach(message::append);
    return ascii(message.append(mixedEnd).toString());
  }

  /** Text can fill any length but one octet (a lone octet is no CRLF line): then it takes one more. */
  private static int textOctets(int octets) {
    return octets == 1 ? 2 : octets;
  }

  private static String html(TextFiller filler, int about) {
    StringBuilder html = new StringBuilder(about + 80).append("<html><body>\r\n");
    while (html.length() + 80 < about) {
      html.append("<p>").append(filler.line(66)).append("</p>\r\n");
    }
    return html.append("</body></html>\r\n").toString();
  }

  /** The most raw bytes whose base64 form, in CRLF lines of 76 characters, fits in {@code encoded} octets. */
  static int rawBytesFitting(int encoded) {
    int raw = Math.max(0, encoded / (BASE64_LINE + 2) * 57 + (encoded % (BASE64_LINE + 2)) * 3 / 4);
    while (raw > 0 && base64Length(raw) > encoded) {
      raw--;
    }
    return raw;
  }

  static int base64Length(int raw) {
    int chars = (raw + 2) / 3 * 4;
    return chars + (chars + BASE64_LINE - 1) / BASE64_LINE * 2;
  }

  private static String base64(int raw, SplittableRandom random) {
    byte[] bytes = new byte[raw];
    random.nextBytes(bytes);
    String encoded = Base64.getMimeEncoder(BASE64_LINE, new byte[] {'\r', '\n'}).encodeToString(bytes);
    return encoded.isEmpty() ? "" : encoded + "\r\n";
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
