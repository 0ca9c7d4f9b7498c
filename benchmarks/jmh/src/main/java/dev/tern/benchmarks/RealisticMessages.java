package dev.tern.benchmarks;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Messages that look like the content of a real mailbox, the same bytes for the same seed: trace and
 * authentication headers (two Received, a folded DKIM-Signature), From/To/Cc with display names (some RFC 2047),
 * replies with In-Reply-To and References, list headers, and a body of prose lines (a few starting with '.', so
 * SMTP has to dot-stuff them). CRLF line ends throughout, as Tern stores messages. The same kind of messages as
 * {@code benchmarks/bench-messages.py} writes for {@code imap-bench.sh}, generated here so the JMH harnesses need
 * no Python.
 */
public final class RealisticMessages {

  /** The MIME shape of a message. */
  public enum Shape {
    /** text/plain, format=flowed. */
    PLAIN,
    /** multipart/alternative: text/plain and text/html. */
    ALTERNATIVE,
    /** multipart/mixed: a multipart/alternative and a base64 PDF attachment. */
    MIXED_WITH_ATTACHMENT
  }

  private static final String[] FIRST = {"Anna", "Ben", "Chloé", "David", "Elif", "Farid", "Greta", "Hiro", "Ines",
      "Jonas", "Kavya", "Luis", "Maja", "Noah", "Olga", "Pavel", "Rosa", "Sven", "Tariq", "Zoë"};
  private static final String[] LAST = {"Andersen", "Brown", "Castillo", "Dubois", "Fischer", "García", "Hansen",
      "Jensen", "Kowalski", "Müller", "Nakamura", "O'Brien", "Rossi", "Schmidt", "Tanaka", "Weber"};
  private static final String[] DOMAINS = {"example.com", "example.org", "example.net", "mail.example.co.uk",
      "lists.example.io", "corp.example.de"};
  private static final String[] TOPICS = {"Budget", "Release", "Meeting notes", "Invoice", "Travel plans",
      "Build failure", "Roadmap", "Customer feedback", "Security advisory", "Weekly report", "Deployment",
      "Design review", "Incident", "Migration"};
  private static final String[] NOUNS = {"draft", "update", "question", "summary", "proposal", "reminder",
      "follow-up", "agenda", "results", "minutes", "estimate"};
  private static final String[] NON_ASCII_SUBJECTS = {"Café au lait à 15h", "Größenänderung der Datenbank",
      "Réunion d'équipe demain", "Привет из офиса", "会議の議事録"};
  private static final String[] WORDS = ("the of and to in is for on that with as by this be are from it at or an "
      + "was we will can our not have all has but they more one which their if about new also its been were there "
      + "when would so what up out into than them these some time only other could any then may after most over "
      + "system release budget review customer server mailbox message queue delivery latency storage index cache "
      + "session planning team schedule agreement draft estimate contract proposal benchmark quarter target")
      .split(" ");
  /** Lines a writer really starts with a dot: ellipses, file names, version strings. */
  private static final String[] DOT_LINES = {"...and that is where we left it.", ".NET 8 is on the build agents now.",
      ".gitignore needs the new output folder.", ". . . (quoted text trimmed)"};
  /** Bytes of a shape's MIME headers, boundaries and signature, beyond its text: keeps sizes near the request. */
  private static final int[] OVERHEAD = {120, 420, 720};
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT);
  private static final Instant BASE_TIME = Instant.parse("2026-11-02T08:00:00Z");

  private final SplittableRandom random;
  private int count;

  public RealisticMessages(long seed) {
    this.random = new SplittableRandom(seed);
  }

  /**
   * The next message of a mailbox: 80 % plain, 20 % multipart/alternative, about {@code approximateBytes}
   * (+-15 %), like a typical inbox.
   */
  public byte[] next(int approximateBytes) {
    Shape shape = random.nextInt(5) == 0 ? Shape.ALTERNATIVE : Shape.PLAIN;
    int size = (int) (approximateBytes * (0.85 + 0.3 * random.nextDouble()));
    return message(shape, size);
  }

  /** One message of the given shape, of about {@code approximateBytes} (never less than its header needs). */
  public byte[] message(Shape shape, int approximateBytes) {
    int n = ++count;
    List<String> h = new ArrayList<>();
    Person from = person();
    String subject = subject();
    OffsetDateTime sent = OffsetDateTime.ofInstant(BASE_TIME.plusSeconds(n * 97L),
        ZoneOffset.ofHours(random.nextInt(-5, 10)));
    String messageId = "<" + Long.toHexString(random.nextLong()) + "." + n + "@" + from.domain + ">";
    h.add("Return-Path: <" + from.address + ">");
    h.add("Received: from mx" + (1 + random.nextInt(9)) + "." + from.domain + " (mx." + from.domain + " [203.0.113."
        + (1 + random.nextInt(254)) + "])");
    h.add("\tby mail.bench.example (Tern) with ESMTPS id " + queueId(12));
    h.add("\tfor <bench@bench.example>; " + DATE.format(sent.plusSeconds(3)));
    h.add("Received: from [10." + random.nextInt(256) + "." + random.nextInt(256) + "." + (1 + random.nextInt(254))
        + "] (unknown [198.51.100." + (1 + random.nextInt(254)) + "])");
    h.add("\tby mx." + from.domain + " (Postfix) with ESMTPSA id " + queueId(10) + ";");
    h.add("\t" + DATE.format(sent));
    h.add("DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=" + from.domain + "; s=sel1;");
    h.add("\tt=" + sent.toEpochSecond() + "; bh=" + base64(32) + ";");
    h.add("\th=From:To:Cc:Subject:Date:Message-ID:MIME-Version:Content-Type;");
    String signature = base64(256);
    for (int i = 0; i < signature.length(); i += 64) {
      h.add((i == 0 ? "\tb=" : "\t ") + signature.substring(i, Math.min(signature.length(), i + 64)));
    }
    h.add("Authentication-Results: mail.bench.example; dkim=pass header.d=" + from.domain + "; spf=pass smtp.mailfrom="
        + from.domain);
    h.add("From: " + from.header);
    h.add("To: Bench User <bench@bench.example>");
    if (random.nextInt(10) < 3) {
      h.add("Cc: " + person().header + ", " + person().header);
    }
    h.add("Subject: " + subject);
    h.add("Date: " + DATE.format(sent));
    h.add("Message-ID: " + messageId);
    if (subject.startsWith("Re:")) {
      String parent = "<" + Long.toHexString(random.nextLong()) + "@" + from.domain + ">";
      h.add("In-Reply-To: " + parent);
      h.add("References: <" + Long.toHexString(random.nextLong()) + "@" + from.domain + "> " + parent);
    }
    if (random.nextInt(5) == 0) {
      h.add("List-Id: <dev.lists.example.io>");
      h.add("List-Unsubscribe: <mailto:leave@dev.lists.example.io>");
    }
    h.add("MIME-Version: 1.0");
    int bodyTarget = Math.max(200, (int) ((approximateBytes - lengthOf(h) - OVERHEAD[shape.ordinal()]) * 0.97));
    List<String> body = switch (shape) {
      case PLAIN -> plain(h, bodyTarget, from);
      case ALTERNATIVE -> alternative(h, bodyTarget);
      case MIXED_WITH_ATTACHMENT -> mixed(h, bodyTarget);
    };
    return (String.join("\r\n", h) + "\r\n\r\n" + String.join("\r\n", body) + "\r\n").getBytes(StandardCharsets.UTF_8);
  }

  private List<String> plain(List<String> h, int target, Person from) {
    h.add("Content-Type: text/plain; charset=\"utf-8\"; format=flowed");
    h.add("Content-Transfer-Encoding: 8bit");
    List<String> body = prose(target);
    body.add("");
    body.add("-- ");
    body.add(from.name);
    return body;
  }

  private List<String> alternative(List<String> h, int target) {
    String boundary = "=_alt_" + Long.toHexString(random.nextLong());
    h.add("Content-Type: multipart/alternative; boundary=\"" + boundary + "\"");
    List<String> body = new ArrayList<>(List.of("This is a multi-part message in MIME format.", ""));
    body.addAll(alternativeParts(boundary, target));
    return body;
  }

  private List<String> alternativeParts(String boundary, int target) {
    List<String> parts = new ArrayList<>();
    parts.add("--" + boundary);
    parts.add("Content-Type: text/plain; charset=\"utf-8\"");
    parts.add("Content-Transfer-Encoding: 8bit");
    parts.add("");
    parts.addAll(prose(target * 3 / 5));
    parts.add("");
    parts.add("--" + boundary);
    parts.add("Content-Type: text/html; charset=\"utf-8\"");
    parts.add("Content-Transfer-Encoding: 8bit");
    parts.add("");
    parts.add("<html><body>");
    for (String line : prose(target * 2 / 5)) {
      if (!line.isEmpty()) {
        parts.add("<p>" + line + "</p>");
      }
    }
    parts.add("</body></html>");
    parts.add("");
    parts.add("--" + boundary + "--");
    return parts;
  }

  private List<String> mixed(List<String> h, int target) {
    String outer = "=_mixed_" + Long.toHexString(random.nextLong());
    String inner = "=_alt_" + Long.toHexString(random.nextLong());
    h.add("Content-Type: multipart/mixed; boundary=\"" + outer + "\"");
    List<String> body = new ArrayList<>(List.of("This is a multi-part message in MIME format.", ""));
    body.add("--" + outer);
    body.add("Content-Type: multipart/alternative; boundary=\"" + inner + "\"");
    body.add("");
    body.addAll(alternativeParts(inner, target / 2));
    body.add("");
    body.add("--" + outer);
    body.add("Content-Type: application/pdf; name=\"Q4 report.pdf\"");
    body.add("Content-Disposition: attachment; filename=\"Q4 report.pdf\"; size=" + (target * 3 / 8));
    body.add("Content-Transfer-Encoding: base64");
    body.add("");
    String attachment = base64(target * 3 / 8);
    for (int i = 0; i < attachment.length(); i += 76) {
      body.add(attachment.substring(i, Math.min(attachment.length(), i + 76)));
    }
    body.add("");
    body.add("--" + outer + "--");
    return body;
  }

  private List<String> prose(int target) {
    List<String> lines = new ArrayList<>();
    int size = 0;
    while (size < target) {
      String line;
      if (random.nextInt(30) == 0) {
        line = DOT_LINES[random.nextInt(DOT_LINES.length)];
      } else {
        StringBuilder text = new StringBuilder();
        int length = 50 + random.nextInt(25);
        while (text.length() < length) {
          text.append(text.length() == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
        }
        text.setCharAt(0, Character.toUpperCase(text.charAt(0)));
        line = text.append('.').toString();
      }
      lines.add(line);
      size += line.length() + 2;
      if (random.nextInt(7) == 0) {
        lines.add("");
        size += 2;
      }
    }
    return lines;
  }

  private String subject() {
    int r = random.nextInt(20);
    if (r == 0) {
      return encodedWord(NON_ASCII_SUBJECTS[random.nextInt(NON_ASCII_SUBJECTS.length)]);
    }
    String text = TOPICS[random.nextInt(TOPICS.length)] + " " + NOUNS[random.nextInt(NOUNS.length)];
    if (r == 1) {
      text = "\"" + text + "\" [#" + (100 + random.nextInt(9900)) + "]";
    }
    return random.nextInt(10) < 3 ? "Re: " + text : text;
  }

  private record Person(String name, String header, String address, String domain) {
  }

  private Person person() {
    String first = FIRST[random.nextInt(FIRST.length)];
    String last = LAST[random.nextInt(LAST.length)];
    String domain = DOMAINS[random.nextInt(DOMAINS.length)];
    String local = (first + "." + last).toLowerCase(Locale.ROOT).replaceAll("[^a-z.]", "");
    String name = first + " " + last;
    String display = name.chars().anyMatch(c -> c > 127) ? encodedWord(name)
        : name.indexOf('\'') >= 0 ? "\"" + name + "\"" : name;
    return new Person(name, display + " <" + local + "@" + domain + ">", local + "@" + domain, domain);
  }

  /** Hex digits as MTAs write queue ids. */
  private String queueId(int digits) {
    StringBuilder id = new StringBuilder(digits);
    while (id.length() < digits) {
      id.append(Character.toUpperCase(Character.forDigit(random.nextInt(16), 16)));
    }
    return id.toString();
  }

  private static String encodedWord(String text) {
    return "=?UTF-8?B?" + Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)) + "?=";
  }

  private String base64(int rawBytes) {
    byte[] bytes = new byte[rawBytes];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) random.nextInt(256);
    }
    return Base64.getEncoder().encodeToString(bytes);
  }

  private static int lengthOf(List<String> lines) {
    int total = 0;
    for (String line : lines) {
      total += line.length() + 2;
    }
    return total;
  }
}
