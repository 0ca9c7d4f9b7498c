/**
 * The outbound SMTP client: {@link dev.tern.delivery.route.smtp.SmtpOutboundTransport} implements
 * {@link dev.tern.delivery.route.OutboundTransport}; {@link dev.tern.delivery.route.smtp.OutboundOptions} holds
 * its settings.
 *
 * <p>Decisions worth knowing:
 * <ul>
 *   <li>Pools are keyed by destination site and TLS policy; each pool lives on one event-loop context owned by
 *       the transport. The concurrency limit counts connecting, busy and idle connections.</li>
 *   <li>RSET is sent only after a transaction that stopped half-way (MAIL refused, every RCPT refused, DATA
 *       refused, BDAT refused); after a completed DATA the server is already back at its initial state
 *       (RFC 5321 4.1.1.4), so a clean reuse costs no round trip.</li>
 *   <li>Hosts and their addresses are tried in order; a connection failure, timeout, non-2xx greeting
 *       (421 and 5xx alike), refused EHLO and HELO, or an unmet TLS requirement moves on to the next. When all
 *       fail, the last error decides: FAILED for a 5xx greeting/HELO, DEFERRED for everything else.</li>
 *   <li>CHUNKING (BDAT) is used whenever offered, chunk by chunk, each reply awaited; the body is then sent
 *       untouched. Otherwise DATA with dot-stuffing after every LF (so a bare-LF server can never see an early
 *       end of data).</li>
 *   <li>Opportunistic TLS trusts any certificate; when its handshake fails the same address is retried once
 *       without TLS. REQUIRE verifies the chain and host name by default, and defers (4.7.4/4.7.5) otherwise.
 *       Anything the server sent after its 220 to STARTTLS is discarded.</li>
 *   <li>Smarthost AUTH (PLAIN, else LOGIN) happens only over TLS, and a refused login defers (it is our
 *       configuration, not the recipient's fault).</li>
 *   <li>A message that needs SMTPUTF8 or 8BITMIME, or exceeds the announced SIZE, fails without a byte of the
 *       transaction being sent (5.6.7, 5.6.3, 5.3.4). Envelope addresses are checked before being written.</li>
 * </ul>
 * Meters: tern.outbound.connections.active (gauge, tag site), tern.outbound.connections.opened (tag site),
 * tern.outbound.messages (tag result: delivered when any recipient was, else deferred when any was, else
 * failed), tern.outbound.recipients (tag result), tern.outbound.attempt.latency (timer). Each attempt is logged
 * as one line by the logger "dev.tern.delivery.outbound".
 */
package dev.tern.delivery.route.smtp;
