/**
 * One handler per IMAP command (or small family of commands), registered with the states it is valid in by
 * {@link dev.tern.access.imap.internal.command.CommandTable}. Handlers talk to the stores and write untagged
 * responses; the session writes the tagged response and the mailbox updates around them.
 */
package dev.tern.access.imap.internal.command;
