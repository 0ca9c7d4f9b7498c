/**
 * The `tern` command line (picocli): serve, user, domain, alias and queue commands. Account commands
 * edit the files through access's FsAccounts; queue commands ask the running server's admin API.
 */
package dev.tern.ops.cli;
