/**
 * Password hashing: Argon2id through Bouncy Castle, stored as PHC strings. Backend-neutral, so a
 * database account store can reuse it. Everything here is blocking CPU work for worker threads.
 */
package dev.tern.access.password;
