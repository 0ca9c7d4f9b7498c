/**
 * The Vert.x side: the listener verticle (one instance per event loop, all sharing the port). Its TLS
 * settings and the binding of a listener to each of its addresses come from {@code dev.tern.access.net}.
 */
package dev.tern.relay.internal.transport;
