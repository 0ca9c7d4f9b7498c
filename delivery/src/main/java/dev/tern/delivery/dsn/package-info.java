/**
 * Delivery status notifications (RFC 3464): the per-recipient report of a failed or delayed delivery, the
 * multipart/report message that carries it back to the sender from MAILER-DAEMON, and reading the original
 * message's header block that goes with it. Nothing here decides when a DSN is due; the scheduler does.
 */
package dev.tern.delivery.dsn;
