/**
 * One small handler per SMTP verb, and {@link dev.tern.relay.internal.command.CommandTable}, which
 * registers each with the states it is allowed in. Handlers check arguments and policy and write
 * their replies; sequencing is the dispatcher's job.
 */
package dev.tern.relay.internal.command;
