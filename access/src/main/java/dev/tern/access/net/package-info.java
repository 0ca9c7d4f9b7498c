/**
 * Network plumbing shared by the protocol servers (SMTP in relay, POP3 and IMAP here): STARTTLS by a
 * Netty SslHandler ({@link dev.tern.access.net.NettyStartTls} behind {@link dev.tern.access.net.TlsUpgrader}),
 * the NetServer TLS settings, the {@link dev.tern.access.net.ListenerBinder} that binds one listener on
 * several addresses with one verticle instance per event loop, and the thread-safe connection limits and
 * failed-login throttle that every verticle instance of one server shares.
 */
package dev.tern.access.net;
