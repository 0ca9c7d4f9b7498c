package dev.tern.load.imap;

/** The server refused a step of the session set-up (greeting BYE, STARTTLS, LOGIN or SELECT not OK). */
final class SetupRefusedException extends Exception {

  SetupRefusedException(String step, ImapResponse reply) {
    super(step + " refused: " + reply.text());
  }

  SetupRefusedException(String message) {
    super(message);
  }
}
