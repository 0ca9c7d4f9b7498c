/**
 * The Vert.x side: the listener verticle (one instance per event loop, all sharing the port), its
 * NetServer options including TLS, and the binding of a listener to each of its addresses.
 */
package dev.tern.relay.internal.transport;
