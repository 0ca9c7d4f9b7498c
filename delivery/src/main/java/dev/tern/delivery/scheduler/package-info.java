/**
 * The delivery scheduler: claims due recipients from the spool, routes each recipient domain (local delivery through
 * {@code dev.tern.delivery.local}, MX hosts or the smarthost), hands each destination its own delivery, records every
 * recipient's outcome durably, retries deferred recipients with capped exponential backoff and jitter, fails them
 * after the maximum queue lifetime, sends DSNs for failures (and optional delay warnings), and carries out the
 * operator's queue actions.
 */
package dev.tern.delivery.scheduler;
