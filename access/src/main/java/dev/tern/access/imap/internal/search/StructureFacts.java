package dev.tern.access.imap.internal.search;

import dev.tern.access.imap.internal.mime.HeaderField;
import dev.tern.access.imap.internal.mime.MessagePart;
import dev.tern.access.imap.internal.mime.MessageStructure;

import java.time.LocalDate;
import java.util.Optional;

/**
 * Facts from a MIME structure a FETCH left in the cache: every top-level field's name and the first value of
 * the fields IMAP reports (From, To, Cc, Bcc, Subject, Date, ...). Enough to answer FROM, SUBJECT, HEADER on
 * those fields and the SENT* dates without opening the message; bodies stay UNKNOWN.
 */
final class StructureFacts implements MessageFacts {

  private final MessagePart root;

  StructureFacts(MessageStructure structure) {
    this.root = structure.root();
  }

  @Override
  public Truth header(String lowerCaseField, String foldedText) {
    int occurrences = 0;
    for (HeaderField field : root.fields()) {
      if (field.lowerCaseName().equals(lowerCaseField)) {
        occurrences++;
      }
    }
    if (occurrences == 0) {
      return Truth.NO;
    }
    if (foldedText.isEmpty()) {
      return Truth.YES;
    }
    Optional<String> value = root.value(lowerCaseField);
    if (occurrences > 1 || value.isEmpty()) {
      return Truth.UNKNOWN; // only the first value of reported fields is kept
    }
    return Truth.of(TextFolding.fold(HeaderText.decode(value.get())).contains(foldedText));
  }

  @Override
  public Truth contains(boolean wholeText, String foldedText) {
    return Truth.UNKNOWN;
  }

  @Override
  public LocalDate sentDate(LocalDate internalDate) {
    return root.value("date").flatMap(value -> SentDates.parse(HeaderText.decode(value))).orElse(internalDate);
  }
}
