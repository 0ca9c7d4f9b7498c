/**
 * The IMAP FETCH engine: turns a parsed FETCH ({@link dev.tern.access.imap.internal.fetch.FetchRequest}) into
 * {@code * n FETCH} responses on the session's output
 * ({@link dev.tern.access.imap.internal.fetch.FetchEngine}). Responses are batched into socket writes of up to
 * 64 KiB, the output's back-pressure is honoured, the next messages are prepared while the current one is
 * written, and a message too big for memory is parsed through a bounded bridge on a worker and its sections
 * streamed range by range, so memory stays bounded whatever the number or size of messages. No session state
 * here: the handler decides what \Seen to set and passes the session's message views.
 */
package dev.tern.access.imap.internal.fetch;
