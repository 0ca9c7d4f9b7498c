package dev.tern.delivery.route.dns;

import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that talk to dnsjava. Building a query, opening its UDP channel, first-use class loading of dnsjava
 * and reading /etc/resolv.conf all happen here rather than on an event loop; dnsjava completes its futures here
 * too. Waiting for replies costs no thread (dnsjava's NIO selector does it). Shared by every resolver in the
 * process; the threads are daemons and leave when idle, so nothing needs closing.
 */
final class DnsThreads {

  private static final AtomicInteger COUNTER = new AtomicInteger();

  static final Executor EXECUTOR = create();

  private DnsThreads() {}

  private static Executor create() {
    ThreadPoolExecutor executor = new ThreadPoolExecutor(2, 2, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
        runnable -> {
          Thread thread = new Thread(runnable, "tern-dns-" + COUNTER.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        });
    executor.allowCoreThreadTimeOut(true);
    return executor;
  }
}
