package dev.tern.access.imap.internal.codec;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * IMAP's two date forms (RFC 3501 section 9): {@code date-time} as in {@code "17-Jul-1996 02:44:25 -0700"}
 * (APPEND, INTERNALDATE) and {@code date} as in {@code 1-Feb-1994} (SEARCH). Parsed by hand because the
 * grammar is narrower than any {@code DateTimeFormatter} pattern: English month names in any case, a day of
 * one or two digits (space-padded in date-time), a four-digit year and a numeric zone only.
 */
public final class ImapDates {

  private static final String[] MONTHS =
      {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

  private ImapDates() {
  }

  /**
   * Parses the inside of a date-time string (without its quotes).
   *
   * @throws IllegalArgumentException if the text is not a valid date-time
   */
  public static OffsetDateTime parseDateTime(String text) {
    // dd-Mon-yyyy hh:mm:ss +zzzz, with the day "DD" or " D"
    if (text.length() != 26) {
      throw new IllegalArgumentException("date-time must look like \"17-Jul-1996 02:44:25 -0700\"");
    }
    String day = text.charAt(0) == ' ' ? text.substring(1, 2) : text.substring(0, 2);
    LocalDate date = parseDate(day + text.substring(2, 11));
    int hour = digits(text, 12, 2);
    int minute = digits(text, 15, 2);
    int second = digits(text, 18, 2);
    char sign = text.charAt(21);
    if (text.charAt(11) != ' ' || text.charAt(14) != ':' || text.charAt(17) != ':' || text.charAt(20) != ' '
        || (sign != '+' && sign != '-')) {
      throw new IllegalArgumentException("date-time must look like \"17-Jul-1996 02:44:25 -0700\"");
    }
    int zoneHours = digits(text, 22, 2);
    int zoneMinutes = digits(text, 24, 2);
    try {
      int zoneSeconds = (zoneHours * 3600 + zoneMinutes * 60) * (sign == '-' ? -1 : 1);
      if (zoneMinutes > 59) {
        throw new DateTimeException("zone minutes");
      }
      return OffsetDateTime.of(date.getYear(), date.getMonthValue(), date.getDayOfMonth(), hour, minute, second, 0,
          ZoneOffset.ofTotalSeconds(zoneSeconds));
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("date-time has a field out of range");
    }
  }

  /**
   * Parses a date such as {@code 1-Feb-1994} (without quotes).
   *
   * @throws IllegalArgumentException if the text is not a valid date
   */
  public static LocalDate parseDate(String text) {
    int dash = text.indexOf('-');
    if ((dash != 1 && dash != 2) || text.length() != dash + 9 || text.charAt(dash + 4) != '-') {
      throw new IllegalArgumentException("date must look like 1-Feb-1994");
    }
    int day = digits(text, 0, dash);
    int month = month(text.substring(dash + 1, dash + 4));
    int year = digits(text, dash + 5, 4);
    try {
      return LocalDate.of(year, month, day);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("date has a day out of range");
    }
  }

  /** Formats a date-time the way INTERNALDATE is sent, quotes included. */
  public static String formatDateTime(OffsetDateTime time) {
    int offsetMinutes = time.getOffset().getTotalSeconds() / 60;
    int absolute = Math.abs(offsetMinutes);
    return String.format("\"%2d-%s-%04d %02d:%02d:%02d %c%02d%02d\"", time.getDayOfMonth(),
        MONTHS[time.getMonthValue() - 1], time.getYear(), time.getHour(), time.getMinute(), time.getSecond(),
        offsetMinutes < 0 ? '-' : '+', absolute / 60, absolute % 60);
  }

  private static int month(String name) {
    for (int i = 0; i < MONTHS.length; i++) {
      if (MONTHS[i].equalsIgnoreCase(name)) {
        return i + 1;
      }
    }
    throw new IllegalArgumentException("date has an unknown month name");
  }

  private static int digits(String text, int from, int count) {
    int value = 0;
    for (int i = from; i < from + count; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        throw new IllegalArgumentException("date has a non-digit where a digit belongs");
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }
}
