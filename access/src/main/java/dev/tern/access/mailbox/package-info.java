/**
 * The mailbox store SPI: per-account mailboxes, messages with UIDs, flags and MODSEQs, quotas and change
 * events, shared by local delivery, POP3 and IMAP. Every call is asynchronous; backends live in
 * sub-packages ({@code fs} for Maildir++).
 */
package dev.tern.access.mailbox;
