package dev.tern.delivery.local;

import dev.tern.access.AccountStore;
import dev.tern.access.mailbox.MailboxStore;
import dev.tern.delivery.Claim;
import dev.tern.delivery.Spool;
import io.vertx.core.Vertx;

import java.util.Objects;

/**
 * Local delivery as the scheduler uses it: one instance per scheduler, holding the stores and the bound on
 * appends running at once, and one {@link LocalPass} per message pass. Used from the scheduler's context.
 */
public final class LocalDelivery {

  private final Vertx vertx;
  private final AccountStore accounts;
  private final MailboxStore mailboxes;
  private final Spool spool;
  private final String hostname;
  private final LocalDeliveryOptions options;
  private final BoundedParallel appends;

  /**
   * @param spool    where the body is read from and where expansions are queued
   * @param hostname this host's name, the HELO name recorded for re-queued expansions
   */
  public LocalDelivery(Vertx vertx, AccountStore accounts, MailboxStore mailboxes, Spool spool, String hostname,
                       LocalDeliveryOptions options) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.accounts = Objects.requireNonNull(accounts, "accounts");
    this.mailboxes = Objects.requireNonNull(mailboxes, "mailboxes");
    this.spool = Objects.requireNonNull(spool, "spool");
    this.hostname = Objects.requireNonNull(hostname, "hostname");
    this.options = Objects.requireNonNull(options, "options");
    this.appends = new BoundedParallel(options.maxParallelAppends());
  }

  /**
   * Starts the local part of one pass over a claimed message. {@code headers} is the pass's shared header block:
   * a body read whole hands its header block there, and a streamed message reads it from there.
   */
  public LocalPass pass(Claim claim, PassHeaders headers) {
    return new LocalPass(claim, headers, accounts, options, appends,
        new MailboxAppender(vertx, mailboxes, spool, claim.id(), claim.envelope().sender()),
        new Requeue(vertx, spool, claim.id(), claim.envelope(), hostname), spool);
  }
}
