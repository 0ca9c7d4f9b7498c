/**
 * Test doubles other modules need to exercise delivery (exported in tern-delivery's test-jar): a small
 * authoritative DNS server ({@link dev.tern.delivery.testing.TestDnsServer}) and, from the other parts of the
 * outbound-delivery work, SMTP sinks and scripted servers.
 */
package dev.tern.delivery.testing;
