/**
 * The IMAP session: one {@link dev.tern.access.imap.internal.session.ImapSession} per connection (framing,
 * ordering of pipelined commands, continuation exchanges, STARTTLS, timeouts, APPEND streaming), the
 * {@link dev.tern.access.imap.internal.session.ImapDispatcher} that checks a command against the session
 * state, and {@link dev.tern.access.imap.internal.session.SelectedMailbox}, the client's view of the selected
 * mailbox with the changes other sessions made, told to the client where RFC 3501 allows.
 */
package dev.tern.access.imap.internal.session;
