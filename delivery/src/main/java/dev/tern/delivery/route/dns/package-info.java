/**
 * MX resolution with dnsjava: {@link dev.tern.delivery.route.dns.DnsMxResolver} turns a recipient domain into a
 * {@link dev.tern.delivery.route.Destination} (MX order, implicit MX, null MX, address policy), asynchronously and
 * with a bounded TTL cache; {@link dev.tern.delivery.route.dns.DnsOptions} says which servers to ask and what to
 * accept.
 */
package dev.tern.delivery.route.dns;
