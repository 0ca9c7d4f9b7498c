/**
 * The IMAP4rev1 wire syntax (RFC 3501 and the extensions Tern announces: IDLE, UIDPLUS, MOVE, NAMESPACE,
 * LITERAL+, ENABLE, CONDSTORE, SPECIAL-USE, UNSELECT, ID, CHILDREN, SASL-IR, QUOTA), free of I/O.
 * {@link dev.tern.access.imap.internal.codec.ImapLineFramer} cuts the client's bytes into command lines with
 * their literals and asks its owner about each literal; {@link dev.tern.access.imap.internal.codec.ImapParser}
 * turns one such line into a typed {@link dev.tern.access.imap.internal.codec.ImapCommand} or a reason for
 * {@code BAD}; {@link dev.tern.access.imap.internal.codec.ImapResponseBuilder} and
 * {@link dev.tern.access.imap.internal.codec.ImapStrings} format answers. Value types (sequence sets, search
 * keys, fetch items, sections, dates, modified UTF-7 mailbox names) live here too.
 * Everything is a pure function or a small state machine fed bytes, so it is unit tested without sockets;
 * the IMAP session owns the state machine and the I/O.
 */
package dev.tern.access.imap.internal.codec;
