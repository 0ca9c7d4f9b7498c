package dev.tern.access.imap.internal.fetch;

import dev.tern.access.imap.internal.message.MessageView;
import dev.tern.access.imap.internal.mime.MessageStructure;

/**
 * What the FETCH has ready for one message before its response is written.
 *
 * @param view      the message
 * @param bytes     the whole message (line ends normalised) when it was read into memory, else null
 * @param structure its MIME structure when the items need it, else null
 * @param gone      the store no longer has the message; it is skipped and reported as vanished
 */
record PreparedMessage(MessageView view, byte[] bytes, MessageStructure structure, boolean gone) {

  static PreparedMessage summary(MessageView view) {
    return new PreparedMessage(view, null, null, false);
  }

  static PreparedMessage vanished(MessageView view) {
    return new PreparedMessage(view, null, null, true);
  }
}
