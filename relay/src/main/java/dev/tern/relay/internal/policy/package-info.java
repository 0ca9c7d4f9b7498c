/**
 * Who may relay: trusted networks and authenticated users. Connection limits and the AUTH failure
 * throttle are shared with the other protocol servers and live in {@code dev.tern.access.net}. The
 * objects here are shared by every verticle instance of a server, so they are thread-safe.
 */
package dev.tern.relay.internal.policy;
