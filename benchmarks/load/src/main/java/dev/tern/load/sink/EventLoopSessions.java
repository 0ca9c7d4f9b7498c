package dev.tern.load.sink;

/**
 * The open sessions of one listener, all on its event loop: a list threaded through the sessions themselves (no
 * allocation per connection), swept periodically for idle ones instead of a timer per session, and a scratch array
 * that the sessions copy direct read buffers into. Only ever touched from that event loop.
 */
final class EventLoopSessions {

  private static final int INITIAL_SCRATCH = 64 * 1024;

  private SinkSession first;
  private byte[] scratch = new byte[INITIAL_SCRATCH];

  void add(SinkSession session) {
    session.nextOpen = first;
    session.previousOpen = null;
    if (first != null) {
      first.previousOpen = session;
    }
    first = session;
  }

  void remove(SinkSession session) {
    if (session.previousOpen != null) {
      session.previousOpen.nextOpen = session.nextOpen;
    } else if (first == session) {
      first = session.nextOpen;
    }
    if (session.nextOpen != null) {
      session.nextOpen.previousOpen = session.previousOpen;
    }
    session.previousOpen = null;
    session.nextOpen = null;
  }

  /** Closes the sessions that were silent for longer than the idle timeout. */
  void sweep(long nowNanos) {
    SinkSession session = first;
    while (session != null) {
      SinkSession next = session.nextOpen;
      session.closeIfIdle(nowNanos);
      session = next;
    }
  }

  /** A scratch array of at least {@code size} octets, valid until the calling handler returns. */
  byte[] scratch(int size) {
    if (scratch.length < size) {
      scratch = new byte[size];
    }
    return scratch;
  }
}
