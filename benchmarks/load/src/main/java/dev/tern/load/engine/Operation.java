package dev.tern.load.engine;

/**
 * One operation handed to a session.
 *
 * @param index              0-based number of the operation in the run (messages are numbered by it)
 * @param intendedStartNanos {@link System#nanoTime()} at which the operation was due: in an open-loop run the
 *                           schedule's time, so that a late start is billed to the server (coordinated omission);
 *                           in a closed-loop run the moment the engine handed it over
 */
public record Operation(long index, long intendedStartNanos) {}
