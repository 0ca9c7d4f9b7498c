/**
 * {@code tern load imap}: the IMAP client side (RFC 3501/9051) as a load workload. Owns the literal-aware response
 * reader ({@link dev.tern.load.imap.ImapResponseReader}: CRLF lines, {@code {n}} literals counted in fixed-size
 * chunks, never held whole), the one-command-at-a-time connection with tags, untagged responses and continuation
 * requests ({@link dev.tern.load.imap.ImapConnection}), the session set-up (greeting, STARTTLS, LOGIN or
 * AUTHENTICATE PLAIN, SELECT), the fetch cycle that is one operation (envelopes of the newest messages, bodies
 * picked by a seed), the idle hold that counts how many IDLE connections a server keeps, and the picocli
 * subcommand. Replies map to outcomes: OK; NO [UNAVAILABLE]/[INUSE] try again; other NO and BAD refuse for good;
 * BYE ends the session.
 */
package dev.tern.load.imap;
