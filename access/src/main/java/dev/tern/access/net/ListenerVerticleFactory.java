package dev.tern.access.net;

import io.vertx.core.Deployable;

import java.util.function.IntConsumer;

/** Makes one listener verticle instance for one bind address; called once per event-loop instance. */
@FunctionalInterface
public interface ListenerVerticleFactory {

  /**
   * @param host      the address to listen on
   * @param port      the port to listen on; negative means a random port shared by all instances
   * @param boundPort to be told the port actually bound
   */
  Deployable create(String host, int port, IntConsumer boundPort);
}
