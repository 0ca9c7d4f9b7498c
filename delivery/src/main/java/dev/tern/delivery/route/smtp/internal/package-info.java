/**
 * The SMTP client's machinery: reply decoding and capabilities, the connection with its reply queue and
 * timeouts, session set-up (greeting, EHLO/HELO, STARTTLS, AUTH, trying hosts in order), one mail transaction
 * (MAIL/RCPT/DATA or BDAT with per-recipient results), and the per-site connection pools with their limits.
 */
package dev.tern.delivery.route.smtp.internal;
