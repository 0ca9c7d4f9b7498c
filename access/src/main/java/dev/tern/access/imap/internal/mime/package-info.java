/**
 * MIME structure of stored messages for IMAP FETCH: one streaming pass of mime4j's token parser over the
 * raw message records every part's header and body offsets, its MIME fields and line counts
 * ({@link dev.tern.access.imap.internal.mime.MessageStructure}); from that structure this package writes
 * ENVELOPE, BODY and BODYSTRUCTURE in RFC 3501 wire syntax
 * ({@link dev.tern.access.imap.internal.mime.FetchStructureWriter}), resolves BODY[section]&lt;partial&gt;
 * into byte ranges of the raw message plus small synthesised buffers
 * ({@link dev.tern.access.imap.internal.mime.SectionResolver}), and keeps recently parsed structures
 * ({@link dev.tern.access.imap.internal.mime.StructureCache}). Pure computation on bytes: parsing blocks on
 * the given stream, so callers run it on a worker, never on an event loop.
 */
package dev.tern.access.imap.internal.mime;
