/**
 * What the IMAP and POP3 load clients share: the target (host, port, TLS mode, reply timeout), the credentials, and
 * {@link dev.tern.load.mailbox.MailConnection}, a client socket with a reply deadline, STARTTLS upgrade and one
 * "broken, and why" verdict. The protocols' parsers and state machines live in {@code imap} and {@code pop3}.
 */
package dev.tern.load.mailbox;
