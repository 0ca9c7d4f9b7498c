/**
 * The YAML config file: {@link dev.tern.ops.config.ConfigLoader} reads it with SafeConstructor and
 * checks every key by hand into immutable records; an unknown key or a wrong type names its full path.
 */
package dev.tern.ops.config;
