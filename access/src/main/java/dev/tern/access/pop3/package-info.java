/**
 * The POP3 server (RFC 1939 with RFC 2449 CAPA, RFC 2595 STLS, RFC 5034 SASL PLAIN and RFC 3206 response
 * codes) over the account store and the mailbox store's INBOX. Ops builds a
 * {@link dev.tern.access.pop3.Pop3ServerOptions} with its {@link dev.tern.access.pop3.Pop3ListenerOptions}
 * and runs a {@link dev.tern.access.pop3.Pop3Server}; everything else lives in {@code internal} packages:
 * the wire syntax ({@code codec}), the session state machine ({@code session}), one handler per verb
 * ({@code command}) and the listener verticle ({@code transport}).
 */
package dev.tern.access.pop3;
