/**
 * {@code tern load pop3}: the POP3 client side (RFC 1939, 2449, 2595; AUTH PLAIN per RFC 5034) as a load workload.
 * One operation is one whole session, as mail clients run it: connect, greeting, STLS, USER/PASS or AUTH PLAIN,
 * STAT, LIST, RETR, QUIT. Owns the status-line and multi-line reader (terminating ".", dot-unstuffing, octets
 * counted as the message holds them), the check of each retrieved size against LIST, and the picocli subcommand.
 * +OK is accepted; -ERR [IN-USE], [SYS/TEMP] and [LOGIN-DELAY] are refusals for now, any other -ERR a refusal for
 * good.
 */
package dev.tern.load.pop3;
