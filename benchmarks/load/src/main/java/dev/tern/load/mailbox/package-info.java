/**
 * What the IMAP and POP3 load clients share: the target (address, TLS mode, reply timeout), the check that
 * credentials fit in a protocol line, a sample of refusal notes for the report, and
 * {@link dev.tern.load.mailbox.MailConnection}, a client socket with a reply deadline, STARTTLS upgrade and one
 * "broken, and why" verdict. The protocols' parsers and state machines live in {@code imap} and {@code pop3}.
 */
package dev.tern.load.mailbox;
