/**
 * The IMAP session's view of messages, shared by the session and the FETCH and SEARCH engines: which
 * message has which sequence number in this session, with the store's summary of it
 * ({@link dev.tern.access.imap.internal.message.MessageView}); and how the engines read stored messages:
 * small ones whole into memory, big ones as streams bridged to worker threads with bounded buffering
 * ({@link dev.tern.access.imap.internal.message.MessageLoader},
 * {@link dev.tern.access.imap.internal.message.ReadStreamInputStream}), with line ends normalised to CRLF
 * ({@link dev.tern.access.imap.internal.message.LineEnds}).
 */
package dev.tern.access.imap.internal.message;
