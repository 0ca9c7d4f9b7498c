/**
 * The IMAP SEARCH engine: evaluates a parsed {@link dev.tern.access.imap.internal.codec.SearchKey} over the
 * session's view of the selected mailbox ({@link dev.tern.access.imap.internal.search.SearchEngine}). The key
 * is compiled once; every message is tested in three-valued logic on what is known (summary, then a cached
 * MIME structure, then one streaming scan of its content on a worker), so content is read only for messages
 * whose answer depends on it, and only as far as needed.
 */
package dev.tern.access.imap.internal.search;
