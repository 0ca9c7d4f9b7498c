package dev.tern.access.imap.internal.search;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The calendar date of a Date: header (RFC 5322 3.3 with the obsolete forms of 4.3: comments, a missing or
 * spelled-out day name, two- and three-digit years), as written, disregarding time and zone as SENTBEFORE, SENTON
 * and SENTSINCE want (RFC 3501 6.4.4).
 */
final class SentDates {

  private static final List<String> MONTHS =
      List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec");

  private SentDates() {
  }

  static Optional<LocalDate> parse(String value) {
    List<String> tokens = tokens(withoutComments(value));
    int i = 0;
    if (i < tokens.size() && Character.isLetter(tokens.get(i).charAt(0))) {
      i++; // the day name
    }
    if (tokens.size() < i + 3) {
      return Optional.empty();
    }
    try {
      int day = Integer.parseInt(tokens.get(i));
      String monthName = tokens.get(i + 1).toLowerCase(Locale.ROOT);
      int month = monthName.length() >= 3 ? MONTHS.indexOf(monthName.substring(0, 3)) + 1 : 0;
      String yearText = tokens.get(i + 2);
      int year = Integer.parseInt(yearText);
      if (yearText.length() == 2) {
        year += year < 50 ? 2000 : 1900;
      } else if (yearText.length() == 3) {
        year += 1900;
      }
      if (month == 0) {
        return Optional.empty();
      }
      return Optional.of(LocalDate.of(year, month, day));
    } catch (NumberFormatException | DateTimeException e) {
      return Optional.empty();
    }
  }

  private static String withoutComments(String value) {
    StringBuilder out = new StringBuilder(value.length());
    int depth = 0;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\\' && depth > 0) {
        i++;
      } else if (c == '(') {
        depth++;
        out.append(' ');
      } else if (c == ')' && depth > 0) {
        depth--;
      } else if (depth == 0) {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** Words split at white space and commas; a date written "5-Mar-2024" counts as three words. */
  private static List<String> tokens(String text) {
    List<String> tokens = new ArrayList<>();
    for (String word : text.trim().split("[\\s,]+")) {
      if (word.isEmpty()) {
        continue;
      }
      if (tokens.size() < 2 && word.matches("\\d{1,2}-[A-Za-z]{3}-\\d{2,4}")) {
        tokens.addAll(List.of(word.split("-")));
      } else {
        tokens.add(word);
      }
    }
    return tokens;
  }
}
