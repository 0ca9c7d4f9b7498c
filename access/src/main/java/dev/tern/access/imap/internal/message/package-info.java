/**
 * The IMAP session's view of messages, shared by the session and the FETCH and SEARCH engines: which
 * message has which sequence number in this session, with the store's summary of it.
 */
package dev.tern.access.imap.internal.message;
