package dev.tern.access.imap;

import dev.tern.access.AccountStore;
import dev.tern.access.mailbox.MailboxStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * TEMPORARY placeholder with the public API of the IMAP server that is being written on main, so that ops can be
 * wired against it in the meantime. The commit that adds this file is dropped on merge. It checks its options like
 * the real server, but {@link #start()} binds no listener: {@link #actualPort} names no port and no client can
 * connect.
 */
public final class ImapServer {

  private static final System.Logger LOG = System.getLogger(ImapServer.class.getName());

  private final ImapServerOptions options;
  private final AtomicBoolean started = new AtomicBoolean();

  /** @throws IllegalArgumentException when the options cannot work (see {@link ImapServerOptions#validate()}) */
  public ImapServer(Vertx vertx, ImapServerOptions options, AccountStore accounts, MailboxStore mailboxes,
      MeterRegistry meters) {
    this.options = options.copy();
    this.options.validate();
  }

  /** Binds nothing (placeholder); fails only when called twice, like the real server. */
  public Future<Void> start() {
    if (!started.compareAndSet(false, true)) {
      return Future.failedFuture(new IllegalStateException("already started"));
    }
    LOG.log(Level.WARNING, "this build has only a placeholder of the IMAP server: {0} IMAP listener(s) not bound",
        String.valueOf(options.listeners().size()));
    return Future.succeededFuture();
  }

  /** @throws IllegalArgumentException always: the placeholder binds no listener */
  public int actualPort(String listenerName) {
    throw new IllegalArgumentException("no bound imap listener named " + listenerName + " (IMAP server placeholder)");
  }

  /** Nothing is bound, so nothing is to be closed. */
  public Future<Void> shutdown(Duration grace) {
    return Future.succeededFuture();
  }
}
