/**
 * The ops module: the `tern` command line ({@link dev.tern.ops.Main}) and everything that turns the
 * other modules into a running server. Nothing below ops reads files of its own accord; ops reads the
 * config, makes TLS material, builds Vert.x with metrics, and wires relay, delivery and access.
 */
package dev.tern.ops;
