/**
 * Micro benchmarks of Tern's protocol engines, run on its real (internal) classes with realistic inputs and no
 * disk: SMTP command parsing and the DATA body path ({@code relay.internal.codec}), IMAP command parsing
 * ({@code access.imap.internal.codec}), FETCH response encoding and MIME structure parsing
 * ({@code access.imap.internal.fetch} and {@code mime}), and MX lookups through the resolver's cache and a local
 * DNS stub ({@code delivery.route.dns}). The small readers here drive those classes the way the sessions do, minus
 * the sockets; each operation checks its result, so a broken harness fails instead of scoring. Settings:
 * {@link dev.tern.benchmarks.micro.MicroSettings}.
 */
package dev.tern.benchmarks.micro;
