/**
 * One SMTP conversation per connection: the {@link dev.tern.relay.internal.session.SmtpSession} state
 * machine (on one event loop), the dispatcher that decides whether a verb is allowed in the current
 * {@link dev.tern.relay.internal.session.SessionState}, the open transaction, and the receivers that
 * stream DATA and BDAT bodies into the spool's Intake with back-pressure.
 */
package dev.tern.relay.internal.session;
