/**
 * The embedded (file) account backend: {@link dev.tern.access.fs.FsAccountStore} for the servers and
 * {@link dev.tern.access.fs.FsAccounts} for the command line, over three text files in one directory
 * ({@code domains}, {@code users}, {@code aliases}, formats in {@code AccountFiles} and
 * access/README.md), replaced atomically and serialised by a lock file.
 */
package dev.tern.access.fs;
