/**
 * Routing: where a recipient domain's mail goes (MX resolution with dnsjava, implicit MX, null MX, the
 * smarthost) and the SMTP client that takes it there.
 */
package dev.tern.delivery.route;
