/**
 * The IMAP server (IMAP4rev1, RFC 3501, with IDLE, UIDPLUS, MOVE, NAMESPACE, LITERAL+, ENABLE, CONDSTORE,
 * SPECIAL-USE, UNSELECT, ID, CHILDREN, LIST-EXTENDED/LIST-STATUS, SASL-IR and QUOTA) over the account store and
 * the mailbox store. Ops builds an {@link dev.tern.access.imap.ImapServerOptions} with its
 * {@link dev.tern.access.imap.ImapListenerOptions} and runs an {@link dev.tern.access.imap.ImapServer};
 * everything else lives in {@code internal} packages: the wire syntax ({@code codec}), MIME structure
 * ({@code mime}), the session state machine ({@code session}), one handler per command ({@code command}),
 * the FETCH and SEARCH engines ({@code fetch}, {@code search}) and the listener verticle ({@code transport}).
 */
package dev.tern.access.imap;
