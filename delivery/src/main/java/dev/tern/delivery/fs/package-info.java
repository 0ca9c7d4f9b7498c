/**
 * The embedded file-system spool ({@link dev.tern.delivery.fs.FsSpool}): segment files of framed
 * message records, a recipient-state journal, staging and body files for large messages, the single
 * writer thread that group-commits them, and recovery. {@code delivery/README.md} describes the format.
 */
package dev.tern.delivery.fs;
