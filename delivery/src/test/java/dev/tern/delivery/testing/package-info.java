/**
 * Test doubles other modules need to exercise delivery (exported in tern-delivery's test-jar): a small
 * authoritative DNS server ({@link dev.tern.delivery.testing.TestDnsServer}) and, from the other parts of the
 * outbound-delivery work, SMTP sinks and scripted servers; plus {@link dev.tern.delivery.testing.Futures}, waiting for a
 * Vert.x future from a test thread.
 */
package dev.tern.delivery.testing;
