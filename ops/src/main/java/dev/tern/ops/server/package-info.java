/**
 * The composition root of `tern serve` ({@link dev.tern.ops.server.TernServer}) and what it owns in the
 * data directory: the process lock and the admin token.
 */
package dev.tern.ops.server;
