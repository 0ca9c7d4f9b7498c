package dev.tern.ops.it;

import dev.tern.delivery.testing.ScriptedSmtpServer;

import java.io.IOException;
import java.net.BindException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Scripted SMTP sinks on several loopback addresses (127.0.0.2, .3, ...) that all listen on one port, because
 * tern's `delivery.remotePort` is one port for every MX host. Linux routes all of 127/8 over lo without setup.
 */
final class SharedPortSinks implements AutoCloseable {

  private final Map<String, ScriptedSmtpServer> byAddress;
  private final int port;

  private SharedPortSinks(Map<String, ScriptedSmtpServer> byAddress, int port) {
    this.byAddress = byAddress;
    this.port = port;
  }

  /** One sink per address, on a port free on all of them (a few tries if another process takes it meanwhile). */
  static SharedPortSinks start(String... addresses) throws IOException {
    IOException last = null;
    for (int attempt = 0; attempt < 20; attempt++) {
      Map<String, ScriptedSmtpServer> started = new LinkedHashMap<>();
      try {
        int port = 0;
        for (String address : addresses) {
          ScriptedSmtpServer sink = ScriptedSmtpServer.start(address, port);
          started.put(address, sink);
          port = sink.port();
        }
        return new SharedPortSinks(started, port);
      } catch (BindException e) {
        last = e;
        closeAll(started);
      }
    }
    throw last;
  }

  ScriptedSmtpServer at(String address) {
    ScriptedSmtpServer sink = byAddress.get(address);
    if (sink == null) {
      throw new IllegalArgumentException("no sink on " + address);
    }
    return sink;
  }

  int port() {
    return port;
  }

  @Override
  public void close() throws IOException {
    closeAll(byAddress);
  }

  private static void closeAll(Map<String, ScriptedSmtpServer> sinks) throws IOException {
    for (ScriptedSmtpServer sink : sinks.values()) {
      sink.close();
    }
  }
}
