package dev.tern.relay.internal.codec;

import dev.tern.delivery.Envelope.BodyType;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The ESMTP parameters of MAIL FROM we honour: SIZE (RFC 1870), BODY (RFC 6152, 3030), SMTPUTF8
 * (RFC 6531), AUTH (RFC 4954), ENVID and RET (RFC 3461).
 *
 * @param declaredSize the SIZE= value, -1 when absent
 */
public record MailParameters(long declaredSize, BodyType body, boolean smtpUtf8, String envelopeId, String ret) {

  /** The parsed parameters, or the reply refusing them. */
  public record Result(MailParameters parameters, Reply error) {
  }

  public static Result parse(List<PathArgument.Parameter> parameters) {
    long size = -1;
    BodyType body = BodyType.SEVEN_BIT;
    boolean utf8 = false;
    String envid = null;
    String ret = null;
    Set<String> seen = new HashSet<>();
    for (PathArgument.Parameter p : parameters) {
      if (!seen.add(p.keyword())) {
        return error(501, "5.5.4", "Duplicate parameter " + p.keyword());
      }
      String v = p.value();
      switch (p.keyword()) {
        case "SIZE" -> {
          if (v == null || v.isEmpty() || v.length() > 18 || !v.chars().allMatch(Character::isDigit)) {
            return error(501, "5.5.4", "Bad SIZE parameter");
          }
          size = Long.parseLong(v);
        }
        case "BODY" -> {
          if (v == null) {
            return error(501, "5.5.4", "Bad BODY parameter");
          }
          switch (v.toUpperCase(java.util.Locale.ROOT)) {
            case "7BIT" -> body = BodyType.SEVEN_BIT;
            case "8BITMIME" -> body = BodyType.EIGHT_BIT_MIME;
            case "BINARYMIME" -> body = BodyType.BINARY_MIME;
            default -> {
              return error(501, "5.5.4", "Bad BODY parameter");
            }
          }
        }
        case "SMTPUTF8" -> {
          if (v != null) {
            return error(501, "5.5.4", "SMTPUTF8 takes no value");
          }
          utf8 = true;
        }
        case "AUTH" -> {
          if (v == null || v.isEmpty()) {
            return error(501, "5.5.4", "Bad AUTH parameter");
          }
        }
        case "ENVID" -> {
          if (v == null || v.isEmpty() || v.length() > 100 || !isXtext(v)) {
            return error(501, "5.5.4", "Bad ENVID parameter");
          }
          envid = v;
        }
        case "RET" -> {
          if (v == null || !(v.equalsIgnoreCase("FULL") || v.equalsIgnoreCase("HDRS"))) {
            return error(501, "5.5.4", "Bad RET parameter");
          }
          ret = v.toUpperCase(java.util.Locale.ROOT);
        }
        default -> {
          return error(555, "5.5.4", "Unsupported parameter " + p.keyword());
        }
      }
    }
    return new Result(new MailParameters(size, body, utf8, envid, ret), null);
  }

  /** RCPT parameters: NOTIFY and ORCPT (RFC 3461) are accepted; anything else is refused. */
  public static Reply checkRecipientParameters(List<PathArgument.Parameter> parameters) {
    Set<String> seen = new HashSet<>();
    for (PathArgument.Parameter p : parameters) {
      if (!seen.add(p.keyword())) {
        return Reply.of(501, "5.5.4", "Duplicate parameter " + p.keyword());
      }
      if (p.keyword().equals("NOTIFY") || p.keyword().equals("ORCPT")) {
        if (p.value() == null || p.value().isEmpty() || !isXtext(p.value())) {
          return Reply.of(501, "5.5.4", "Bad " + p.keyword() + " parameter");
        }
      } else {
        return Reply.of(555, "5.5.4", "Unsupported parameter " + p.keyword());
      }
    }
    return null;
  }

  /** RFC 3461 xtext: printable ASCII except '=' and '+', which starts a hex escape. */
  static boolean isXtext(String v) {
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c == '+') {
        if (i + 2 >= v.length() || Character.digit(v.charAt(i + 1), 16) < 0
            || Character.digit(v.charAt(i + 2), 16) < 0) {
          return false;
        }
        i += 2;
      } else if (c < 33 || c > 126 || c == '=') {
        return false;
      }
    }
    return true;
  }

  private static Result error(int code, String enhanced, String text) {
    return new Result(null, Reply.of(code, enhanced, text));
  }
}
