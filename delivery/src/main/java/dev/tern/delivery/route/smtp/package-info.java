/**
 * The outbound SMTP client: {@link dev.tern.delivery.route.smtp.SmtpOutboundTransport} implements
 * {@link dev.tern.delivery.route.OutboundTransport} with per-site connection pools, pipelining, STARTTLS
 * policies and smarthost AUTH; {@link dev.tern.delivery.route.smtp.OutboundOptions} holds its settings.
 */
package dev.tern.delivery.route.smtp;
