/**
 * One handler per POP3 verb (RETR and TOP share one), the table that maps verbs to them, and the login
 * steps USER/PASS, APOP and AUTH PLAIN have in common (throttle, failure accounting, maildrop lock and
 * snapshot).
 */
package dev.tern.access.pop3.internal.command;
