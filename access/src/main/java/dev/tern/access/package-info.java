/**
 * The access SPI: {@link dev.tern.access.AccountStore} (logins, local domains, recipient resolution)
 * and the values it returns. Backends live in sub-packages; {@code fs} is the embedded one.
 * See access/README.md for the file formats and the resolution rules.
 */
package dev.tern.access;
