package dev.tern.access.pop3.internal.session;

import dev.tern.access.pop3.internal.codec.Pop3Verb;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The POP3 server's meters. Tags are small fixed sets (verb, login method and result, reject reason),
 * never user names or addresses. The gauge and the counter of sessions have different names: Micrometer refuses two meter
 * types under one name.
 */
public final class Pop3Metrics {

  /** How a login attempt ended. */
  public enum LoginResult {
    OK, FAILED, THROTTLED, IN_USE, ERROR;

    String tag() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final MeterRegistry registry;
  private final AtomicInteger active = new AtomicInteger();
  private final Counter sessions;
  private final Counter retrieved;
  private final Counter deleted;
  private final Counter bytesSent;

  public Pop3Metrics(MeterRegistry registry) {
    this.registry = registry;
    registry.gauge("tern.pop3.sessions.active", active);
    this.sessions = registry.counter("tern.pop3.sessions");
    this.retrieved = registry.counter("tern.pop3.messages.retrieved");
    this.deleted = registry.counter("tern.pop3.messages.deleted");
    this.bytesSent = Counter.builder("tern.pop3.bytes.sent")
        .description("message text sent by RETR and TOP, dot-stuffing included").register(registry);
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

  public void login(LoginMethod method, LoginResult result) {
    registry.counter("tern.pop3.logins", "method", method.tag(), "result", result.tag()).increment();
  }

  /** A parsed command about to be dispatched; the verb set is fixed, so the tag stays small. */
  public void command(Pop3Verb verb) {
    registry.counter("tern.pop3.commands", "verb", verb.name()).increment();
  }

  public void retrieved() {
    retrieved.increment();
  }

  public void deleted(int count) {
    deleted.increment(count);
  }

  public void bytesSent(long bytes) {
    bytesSent.increment(bytes);
  }

  public void reject(String reason) {
    registry.counter("tern.pop3.rejects", "reason", reason).increment();
  }
}
