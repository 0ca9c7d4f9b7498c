/**
 * {@code tern load sink}: a fast SMTP server that accepts mail and discards it, the receiving end when measuring a
 * relay (Tern's or another MTA's).
 *
 * <p>What it owns:
 * <ul>
 *   <li>{@link dev.tern.load.sink.SmtpSink}, the in-process API (start on a Vert.x instance, actual port, stats
 *       snapshot, a future for "N messages accepted", close) that {@link dev.tern.load.sink.SinkCommand} and tests
 *       use;</li>
 *   <li>the per-connection protocol engine: SinkListener (one NetServer per event loop on a shared port),
 *       SinkSession (frames raw reads into command lines, DATA bodies and BDAT chunks, batches the replies of a
 *       pipelined batch into one write, handles STARTTLS and pausing), CommandLineReader and DotBodyScanner (the
 *       framing rules, strict about CRLF), and SmtpDialog with Transaction (the RFC 5321 state machine with
 *       PIPELINING, SIZE, 8BITMIME, SMTPUTF8, ENHANCEDSTATUSCODES, CHUNKING and STARTTLS);</li>
 *   <li>exact, deterministic fault injection (FaultShare, FaultSchedule);</li>
 *   <li>the optional group-commit spool (SpoolWriter), which fsyncs accepted messages on its own thread before their
 *       250 goes out;</li>
 *   <li>the run loop of the command (SinkRun: signals, --duration, --exit-after, progress) and its totals
 *       (SinkReport, SinkStats).</li>
 * </ul>
 *
 * <p>Per message nothing is logged, no String is built per body line, and nothing touches the disk unless
 * {@code --fsync} is given. Idle sessions are found by one sweep per event loop, not a timer per connection.
 */
package dev.tern.load.sink;
