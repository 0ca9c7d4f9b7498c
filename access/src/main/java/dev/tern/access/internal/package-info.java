/**
 * Backend-neutral account logic that is not part of the SPI: the immutable account snapshot and the
 * recipient resolver (aliases, catch-alls, postmaster, loop and depth limits). Not for use outside
 * the access module.
 */
package dev.tern.access.internal;
