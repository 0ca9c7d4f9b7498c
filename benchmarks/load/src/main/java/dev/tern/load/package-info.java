/**
 * {@code tern load}: a load generator for SMTP, IMAP and POP3 servers and a fast SMTP sink, shipped in the same
 * distribution as the server. It knows nothing of Tern's internals and drives any server over real sockets.
 *
 * <ul>
 *   <li>{@code engine}: the run loop shared by every protocol (closed and open loop, coordinated-omission-free
 *       latencies, outcome counters, live progress, the final summary and JSON report);</li>
 *   <li>{@code smtp}, {@code imap}, {@code pop3}: one {@link dev.tern.load.engine.Workload} each, with its client
 *       state machine and its picocli subcommand;</li>
 *   <li>{@code sink}: an SMTP server that accepts and discards (optionally fsyncing, optionally failing a share of
 *       transactions on purpose), for measuring relays.</li>
 * </ul>
 */
package dev.tern.load;
