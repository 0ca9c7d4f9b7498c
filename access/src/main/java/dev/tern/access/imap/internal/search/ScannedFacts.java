package dev.tern.access.imap.internal.search;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * Facts from reading the message: its top-level header fields, decoded, and which of the search's strings
 * occur in its body text.
 *
 * @param fields        the top-level header fields the search reads, in order (lower-case name, decoded value)
 * @param foundInBody   the needles found in the body (text parts and encapsulated messages' headers)
 */
record ScannedFacts(List<Field> fields, Set<String> foundInBody) implements MessageFacts {

  /** One header field: lower-case name and value (unfolded, decoded) as a reader sees it. */
  record Field(String lowerCaseName, String value, String foldedValue) {
    Field(String lowerCaseName, String value) {
      this(lowerCaseName, value, TextFolding.fold(value));
    }
  }

  ScannedFacts {
    fields = List.copyOf(fields);
    foundInBody = Set.copyOf(foundInBody);
  }

  @Override
  public Truth header(String lowerCaseField, String foldedText) {
    for (Field field : fields) {
      if (field.lowerCaseName().equals(lowerCaseField) && field.foldedValue().contains(foldedText)) {
        return Truth.YES;
      }
    }
    return Truth.NO;
  }

  @Override
  public Truth contains(boolean wholeText, String foldedText) {
    if (foundInBody.contains(foldedText)) {
      return Truth.YES;
    }
    if (wholeText) {
      for (Field field : fields) {
        if ((field.lowerCaseName() + ": " + field.foldedValue()).contains(foldedText)) {
          return Truth.YES;
        }
      }
    }
    return Truth.NO;
  }

  @Override
  public LocalDate sentDate(LocalDate internalDate) {
    for (Field field : fields) {
      if (field.lowerCaseName().equals("date")) {
        return SentDates.parse(field.value()).orElse(internalDate);
      }
    }
    return internalDate;
  }
}
