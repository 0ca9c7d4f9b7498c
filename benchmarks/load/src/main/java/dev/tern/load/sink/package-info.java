/**
 * {@code tern load sink}: a fast SMTP server that accepts mail and discards it, the receiving end when measuring a
 * relay (Tern's or another MTA's).
 *
 * <p>What it owns: {@link dev.tern.load.sink.SmtpSink}, the in-process API (start on a Vert.x instance, actual port,
 * stats snapshot, close) that {@link dev.tern.load.sink.SinkCommand} and tests use; the per-connection protocol
 * engine (SinkSession frames bytes into command lines, DATA bodies and BDAT chunks; SmtpDialog is the RFC 5321
 * state machine with PIPELINING, SIZE, 8BITMIME, SMTPUTF8, ENHANCEDSTATUSCODES, CHUNKING and STARTTLS); exact,
 * deterministic fault injection (FaultSchedule); and the optional group-commit spool (SpoolWriter), which fsyncs
 * accepted messages on its own thread before their 250 goes out.
 *
 * <p>Everything per message happens on the event loops without logging, without a String per body line, and with
 * the replies to a pipelined batch in one write; nothing touches the disk unless {@code --fsync} is given.
 */
package dev.tern.load.sink;
