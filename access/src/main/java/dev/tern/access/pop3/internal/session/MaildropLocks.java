package dev.tern.access.pop3.internal.session;

import dev.tern.access.mailbox.MailboxStore;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Exclusive POP3 access to a maildrop (RFC 1939 section 8: one session at a time may hold it). One
 * registry serves the whole JVM, so two POP3 servers over the same store cannot both hand a maildrop
 * out; the key is the store instance and the canonical account.
 */
public final class MaildropLocks {

  /** The registry every POP3 server of this JVM uses. */
  public static final MaildropLocks JVM = new MaildropLocks();

  private record Key(MailboxStore store, String account) {
  }

  private final Set<Key> held = ConcurrentHashMap.newKeySet();

  /** The lock, or empty when another session holds it. */
  public Optional<Lock> tryLock(MailboxStore store, String account) {
    Key key = new Key(store, account);
    return held.add(key) ? Optional.of(new Lock(key)) : Optional.empty();
  }

  public boolean isLocked(MailboxStore store, String account) {
    return held.contains(new Key(store, account));
  }

  /** A held maildrop; releasing twice is harmless. */
  public final class Lock {

    private final Key key;
    private final AtomicBoolean released = new AtomicBoolean();

    private Lock(Key key) {
      this.key = key;
    }

    public String account() {
      return key.account();
    }

    public void release() {
      if (released.compareAndSet(false, true)) {
        held.remove(key);
      }
    }
  }
}
