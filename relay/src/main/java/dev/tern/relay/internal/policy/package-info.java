/**
 * Who may do what: the relay decision (trusted networks, authenticated users), connection limits in
 * total and per client IP, and throttling of failed AUTH per IP. The objects here are shared by every
 * verticle instance of a server, so they are thread-safe.
 */
package dev.tern.relay.internal.policy;
