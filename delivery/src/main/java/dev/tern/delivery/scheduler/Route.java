package dev.tern.delivery.scheduler;

import dev.tern.delivery.route.Destination;

/** Where the recipients of one domain go in this pass. */
sealed interface Route {

  /** A domain of this server: local delivery (the mailbox store) takes them. */
  record Local() implements Route {}

  /** Remote: an MX destination or the smarthost. */
  record Remote(Destination destination) implements Route {}

  /** No destination now: {@code permanent} fails the recipients, otherwise they wait for the next attempt. */
  record Unroutable(boolean permanent, String reply) implements Route {}
}
