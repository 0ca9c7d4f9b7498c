/**
 * The delivery module's public surface: the {@link dev.tern.delivery.Spool} SPI that the relay writes
 * accepted mail into and the scheduler claims work from, and the value types it exchanges (envelope,
 * queue ids, per-recipient states and outcomes). Backends live in sub-packages ({@code fs}).
 */
package dev.tern.delivery;
