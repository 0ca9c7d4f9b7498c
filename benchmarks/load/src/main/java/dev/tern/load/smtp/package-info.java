/**
 * {@code tern load smtp}: the SMTP workload. {@link dev.tern.load.smtp.SmtpWorkload} opens sessions (connect,
 * greeting, EHLO or HELO, STARTTLS, AUTH PLAIN) and {@link dev.tern.load.smtp.SmtpSession} runs one mail
 * transaction per operation, pipelined (RFC 2920) when asked and offered. {@link dev.tern.load.smtp.SmtpConnection}
 * is the reply reader with its limits and per-reply timeout; {@link dev.tern.load.smtp.MessageFactory} builds
 * realistic MIME messages of the sizes {@link dev.tern.load.smtp.SizeDistribution} picks, from a few templates per
 * size, so generating them costs next to no CPU.
 */
package dev.tern.load.smtp;
