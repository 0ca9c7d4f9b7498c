/**
 * The SMTP wire syntax, free of I/O: command lines, reply formatting, address and parameter syntax,
 * message-text checks (dot-unstuffing, line endings, header limits) and the trace header. Everything
 * here is a pure function or a small state machine fed bytes, so it is unit tested without sockets.
 */
package dev.tern.relay.internal.codec;
