package dev.tern.access.imap.internal.search;

import java.time.LocalDate;

/** What is known about a message's content, for the keys its summary cannot answer. */
interface MessageFacts {

  /** Nothing is known beyond the summary. */
  MessageFacts NONE = new MessageFacts() {
    @Override
    public Truth header(String lowerCaseField, String foldedText) {
      return Truth.UNKNOWN;
    }

    @Override
    public Truth contains(boolean wholeText, String foldedText) {
      return Truth.UNKNOWN;
    }

    @Override
    public LocalDate sentDate(LocalDate internalDate) {
      return null;
    }
  };

  /** HEADER field text: some occurrence of the field contains the text; any occurrence for empty text. */
  Truth header(String lowerCaseField, String foldedText);

  /** BODY text ({@code wholeText} false) or TEXT text. */
  Truth contains(boolean wholeText, String foldedText);

  /** The Date: header's date, {@code internalDate} when there is none or it cannot be read; null if unknown. */
  LocalDate sentDate(LocalDate internalDate);
}
