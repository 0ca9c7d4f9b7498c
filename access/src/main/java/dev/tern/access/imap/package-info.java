/**
 * The IMAP server's public API: {@link dev.tern.access.imap.ImapServerOptions} with its
 * {@link dev.tern.access.imap.ImapListenerOptions}, built by ops, and the {@link dev.tern.access.imap.ImapServer}.
 * The wire syntax ({@code internal.codec}), MIME structure ({@code internal.mime}) and the session's message view
 * ({@code internal.message}) live in {@code internal} packages.
 */
package dev.tern.access.imap;
