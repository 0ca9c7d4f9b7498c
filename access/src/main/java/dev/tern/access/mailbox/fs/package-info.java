/**
 * Maildir++ backend of the mailbox store: one Maildir per account under {@code <root>/<domain>/<local>/},
 * sub-folders as {@code .Name} directories, and a per-folder {@code tern-index} (UIDVALIDITY, UIDs, flags,
 * MODSEQs) that repairs itself from the files after a crash or an outside tool's changes. All file work
 * runs on a worker pool.
 */
package dev.tern.access.mailbox.fs;
