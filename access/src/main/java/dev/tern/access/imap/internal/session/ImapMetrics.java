package dev.tern.access.imap.internal.session;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The IMAP server's meters. Tags are small fixed sets (command name, login method and result, reject
 * reason), never user names, mailbox names or addresses.
 */
public final class ImapMetrics {

  private final MeterRegistry registry;
  private final AtomicInteger active = new AtomicInteger();
  private final Counter sessions;
  private final Counter appended;

  public ImapMetrics(MeterRegistry registry) {
    this.registry = registry;
    registry.gauge("tern.imap.sessions.active", active);
    this.sessions = registry.counter("tern.imap.sessions");
    this.appended = registry.counter("tern.imap.messages.appended");
  }

  public void sessionOpened() {
    active.incrementAndGet();
    sessions.increment();
  }

  public void sessionClosed() {
    active.decrementAndGet();
  }

  public int activeSessions() {
    return active.get();
  }

  /** @param method "login" or "plain"; @param result ok, failed, throttled, error */
  public void login(String method, String result) {
    registry.counter("tern.imap.logins", "method", method, "result", result).increment();
  }

  /** A command about to run; {@code name} comes from a fixed set (the command record's type). */
  public void command(String name) {
    registry.counter("tern.imap.commands", "command", name).increment();
  }

  public void appended() {
    appended.increment();
  }

  public void reject(String reason) {
    registry.counter("tern.imap.rejects", "reason", reason).increment();
  }
}
