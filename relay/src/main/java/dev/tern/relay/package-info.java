/**
 * The relay module's public surface: {@link dev.tern.relay.SmtpServer} (the SMTP server for the MX,
 * submission and submissions roles) and its option classes. Everything else lives in
 * {@code dev.tern.relay.internal.*}: codec (wire syntax, no I/O), session (per-connection state
 * machine), command (one handler per verb), policy (relay, limits, throttling) and transport (Vert.x).
 */
package dev.tern.relay;
