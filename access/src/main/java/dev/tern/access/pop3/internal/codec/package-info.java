/**
 * The POP3 wire syntax, free of I/O: command-line parsing (RFC 1939, 2449, 2595, 5034) with its
 * error kinds, SASL continuation lines, response formatting with RFC 2449/3206 response codes and the
 * CAPA list, the streaming dot-stuffer and TOP filter for message text, the UIDL encoding of
 * (UIDVALIDITY, UID) and the APOP digest.
 * Everything here is a pure function or a small state machine fed bytes, so it is unit tested without
 * sockets; the POP3 session owns the state machine and the I/O.
 */
package dev.tern.access.pop3.internal.codec;
