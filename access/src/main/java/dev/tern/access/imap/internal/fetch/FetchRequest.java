package dev.tern.access.imap.internal.fetch;

import dev.tern.access.imap.internal.codec.FetchItem;
import dev.tern.access.imap.internal.message.MessageView;

import java.util.List;
import java.util.Set;

/**
 * One FETCH to answer.
 *
 * @param account     the logged-in account
 * @param mailbox     the selected mailbox
 * @param uidValidity its UIDVALIDITY (part of the structure cache key)
 * @param messages    the messages to answer for, in the order the responses go out
 * @param items       the data items as parsed (macros expanded)
 * @param includeUid  UID FETCH: the UID item is sent even when not asked for (RFC 3501 6.4.8)
 * @param addFlagsFor UIDs whose \Seen the handler has just set (BODY[...] without PEEK, RFC822, RFC822.TEXT):
 *                    their responses carry FLAGS, with \Seen, even when FLAGS was not asked for
 */
public record FetchRequest(String account, String mailbox, long uidValidity, List<MessageView> messages,
                           List<FetchItem> items, boolean includeUid, Set<Long> addFlagsFor) {

  public FetchRequest {
    messages = List.copyOf(messages);
    items = List.copyOf(items);
    addFlagsFor = Set.copyOf(addFlagsFor);
    if (items.isEmpty() && !includeUid) {
      throw new IllegalArgumentException("a FETCH asks for at least one item");
    }
  }
}
