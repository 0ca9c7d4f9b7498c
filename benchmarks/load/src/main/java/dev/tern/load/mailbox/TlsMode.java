package dev.tern.load.mailbox;

/** How a client connection gets its TLS: not at all, by upgrading after the greeting, or from the first byte. */
public enum TlsMode {
  /** Plaintext throughout. */
  NONE,
  /** Plaintext greeting, then STARTTLS (IMAP) or STLS (POP3) before logging in. */
  STARTTLS,
  /** TLS from the start: IMAPS, POP3S. */
  IMPLICIT
}
