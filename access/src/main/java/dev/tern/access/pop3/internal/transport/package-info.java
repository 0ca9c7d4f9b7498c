/**
 * The Vert.x side of POP3: the listener verticle (one instance per event loop, all sharing the port) that
 * accepts connections and starts a session for each. TLS settings and binding come from
 * {@code dev.tern.access.net}.
 */
package dev.tern.access.pop3.internal.transport;
