/**
 * JMH harnesses for Tern. This package: durable intake, the spool on its own
 * ({@link dev.tern.benchmarks.SpoolAcceptBenchmark}) and whole SMTP transactions against an in-process server
 * ({@link dev.tern.benchmarks.SmtpTransactionBenchmark}), plus what the harnesses share (a blocking lockstep SMTP
 * client, the 4 KiB test message, realistic mailbox messages, scratch directories on a real disk, the end-to-end
 * run settings). {@code imap}: IMAP FETCH end to end; {@code micro}: the protocol engines' micro benchmarks.
 * Nothing here is used by the server itself.
 */
package dev.tern.benchmarks;
