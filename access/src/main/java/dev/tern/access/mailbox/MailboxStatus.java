package dev.tern.access.mailbox;

/**
 * The counters IMAP STATUS and SELECT report. {@code recent} counts messages not yet seen by any session
 * (Maildir {@code new/}); {@code highestModSeq} grows with every change, expunges included.
 */
public record MailboxStatus(int messages, int recent, int unseen, long uidNext, long uidValidity,
                            long highestModSeq) {
}
