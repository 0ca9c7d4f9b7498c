/** The IMAP listener verticle: one per event loop and address, starting an ImapSession per connection. */
package dev.tern.access.imap.internal.transport;
