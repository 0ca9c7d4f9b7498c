/**
 * The embedded (file) account backend: {@link dev.tern.access.fs.FsAccountStore} for the servers and
 * {@link dev.tern.access.fs.FsAccounts} for the command line, over three text files in one directory
 * ({@code domains}, {@code users}, {@code aliases}, formats in {@code AccountFiles} and
 * access/README.md), replaced atomically and serialised by a lock file. The {@code users} file also carries
 * each account's optional quota and APOP secret; because APOP needs that secret in clear, the file is always
 * written owner-only (0600), and the server warns when it finds it readable by others.
 */
package dev.tern.access.fs;
