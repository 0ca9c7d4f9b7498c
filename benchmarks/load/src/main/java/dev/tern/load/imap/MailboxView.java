package dev.tern.load.imap;

import io.vertx.core.Handler;

/** How many messages the selected mailbox holds, as the server's EXISTS and EXPUNGE responses tell it. */
final class MailboxView implements Handler<ImapResponse> {

  private long exists;

  @Override
  public void handle(ImapResponse response) {
    switch (response.numberedKeyword()) {
      case "EXISTS" -> exists = response.number();
      case "EXPUNGE" -> exists = Math.max(0, exists - 1);
      default -> { }
    }
  }

  long exists() {
    return exists;
  }
}
