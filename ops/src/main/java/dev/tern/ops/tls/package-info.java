/** TLS material for the SMTP listeners: configured PEM files, or a self-signed pair kept in the data directory. */
package dev.tern.ops.tls;
