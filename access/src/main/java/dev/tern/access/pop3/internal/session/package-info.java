/**
 * One POP3 conversation per connection: the {@link dev.tern.access.pop3.internal.session.Pop3Session}
 * (framing, in-order processing of pipelined commands, replies, STLS, timeouts, shutdown) on one event
 * loop, the {@link dev.tern.access.pop3.internal.session.Pop3State} table of allowed verbs and the
 * dispatcher that applies it, the logged-in {@link dev.tern.access.pop3.internal.session.Maildrop}, the
 * JVM-wide maildrop locks, the plaintext-login policy, the streaming of message text with back-pressure,
 * and the meters.
 */
package dev.tern.access.pop3.internal.session;
