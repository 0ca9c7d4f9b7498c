package dev.tern.load.sink;

import java.util.List;
import java.util.Locale;

/**
 * MAIL's parameters: SIZE (RFC 1870), BODY=7BIT|8BITMIME (RFC 6152) and SMTPUTF8 (RFC 6531), the ones the sink
 * advertises. Anything else, or any parameter after HELO, is refused with 555.
 *
 * @param declaredSize SIZE's value, 0 when absent
 * @param problem      the error reply for the first bad parameter, or null
 */
record MailParameters(long declaredSize, boolean smtpUtf8, byte[] problem) {

  private static final int MAX_SIZE_DIGITS = 18;

  static MailParameters parse(List<String> parameters, boolean extended) {
    long size = 0;
    boolean smtpUtf8 = false;
    for (String parameter : parameters) {
      if (!extended) {
        return refused(Replies.UNKNOWN_PARAMETER);
      }
      int equals = parameter.indexOf('=');
      String keyword = (equals < 0 ? parameter : parameter.substring(0, equals)).toUpperCase(Locale.ROOT);
      String value = equals < 0 ? null : parameter.substring(equals + 1);
      switch (keyword) {
        case "SIZE" -> {
          if (!isNumber(value)) {
            return refused(Replies.BAD_PARAMETER_VALUE);
          }
          size = Long.parseLong(value);
        }
        case "BODY" -> {
          if (!"7BIT".equalsIgnoreCase(value) && !"8BITMIME".equalsIgnoreCase(value)) {
            return refused(Replies.BAD_PARAMETER_VALUE);
          }
        }
        case "SMTPUTF8" -> {
          if (value != null) {
            return refused(Replies.BAD_PARAMETER_VALUE);
          }
          smtpUtf8 = true;
        }
        default -> {
          return refused(Replies.UNKNOWN_PARAMETER);
        }
      }
    }
    return new MailParameters(size, smtpUtf8, null);
  }

  static boolean isNumber(String value) {
    if (value == null || value.isEmpty() || value.length() > MAX_SIZE_DIGITS) {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      if (value.charAt(i) < '0' || value.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  private static MailParameters refused(byte[] problem) {
    return new MailParameters(0, false, problem);
  }
}
