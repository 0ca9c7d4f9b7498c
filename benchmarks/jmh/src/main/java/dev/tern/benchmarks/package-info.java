/**
 * JMH harnesses for Tern's durable intake: the spool on its own ({@link dev.tern.benchmarks.SpoolAcceptBenchmark})
 * and whole SMTP transactions against an in-process server ({@link dev.tern.benchmarks.SmtpTransactionBenchmark}),
 * plus the small helpers they share (a blocking lockstep SMTP client, the 4 KiB test message, scratch directories on
 * a real disk). Nothing here is used by the server itself.
 */
package dev.tern.benchmarks;
