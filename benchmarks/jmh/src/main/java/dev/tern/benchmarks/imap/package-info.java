/**
 * The IMAP end-to-end harness: an in-process {@link dev.tern.access.imap.ImapServer} over Tern's file-system
 * stores with a preloaded Maildir ({@link dev.tern.benchmarks.imap.ImapMailServer},
 * {@link dev.tern.benchmarks.imap.MaildirPreload}), one session per JMH thread
 * ({@link dev.tern.benchmarks.imap.FetchSession}) over a small blocking, literal-aware client
 * ({@link dev.tern.benchmarks.imap.BlockingImapClient}), and the FETCH benchmarks that use them
 * ({@link dev.tern.benchmarks.imap.ImapFetchBenchmark}).
 */
package dev.tern.benchmarks.imap;
