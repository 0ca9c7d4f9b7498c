/**
 * Network plumbing shared by the protocol servers (SMTP in relay, POP3 and IMAP here): STARTTLS by a
 * Netty SslHandler ({@link dev.tern.access.net.NettyStartTls} behind {@link dev.tern.access.net.TlsUpgrader}),
 * the NetServer TLS settings, and the {@link dev.tern.access.net.ListenerBinder} that binds one listener on
 * several addresses with one verticle instance per event loop.
 */
package dev.tern.access.net;
