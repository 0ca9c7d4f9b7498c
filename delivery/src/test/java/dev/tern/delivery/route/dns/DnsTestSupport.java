package dev.tern.delivery.route.dns;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tern.delivery.route.Destination;
import dev.tern.delivery.route.MxHost;
import dev.tern.delivery.route.RouteFailure;
import io.vertx.core.Future;

import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

final class DnsTestSupport {

  private DnsTestSupport() {}

  static <T> T await(Future<T> future) throws Exception {
    try {
      return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Exception cause) {
        throw cause;
      }
      throw e;
    }
  }

  static RouteFailure failure(Future<?> future) {
    Exception e = assertThrows(Exception.class, () -> await(future));
    return assertInstanceOf(RouteFailure.class, e, () -> "expected a RouteFailure, got " + e);
  }

  static List<String> hostNames(Destination destination) {
    return destination.hosts().stream().map(MxHost::name).toList();
  }

  static List<String> addresses(MxHost host) {
    return host.addresses().stream().map(InetAddress::getHostAddress).toList();
  }
}
