package dev.tern.access.mailbox;

import java.util.OptionalLong;

/** Bytes stored for an account across all its mailboxes, and its limit if it has one (IMAP QUOTA). */
public record QuotaUsage(long usedBytes, OptionalLong limitBytes) {
}
