/** Logging of the tern process: java.util.logging, one line per event on stderr. */
package dev.tern.ops.logging;
