package dev.tern.ops.server;

import dev.tern.access.pop3.Pop3ListenerOptions;
import dev.tern.access.pop3.Pop3ServerOptions;
import dev.tern.ops.config.Pop3Config;
import dev.tern.ops.config.TernConfig;
import io.vertx.core.net.KeyCertOptions;

/** Turns the config file's view of POP3 into the access module's options. */
public final class Pop3OptionsFactory {

  private Pop3OptionsFactory() {}

  public static Pop3ServerOptions build(TernConfig config, KeyCertOptions keyCert) {
    Pop3Config p = config.pop3();
    Pop3ServerOptions options = new Pop3ServerOptions()
        .hostname(config.hostname())
        .keyCert(keyCert)
        .apop(p.apop())
        .plaintextAuthOnInsecure(p.insecureAuth())
        .idleTimeout(p.idleTimeout())
        .maxErrorsBeforeDisconnect(p.limits().maxErrors())
        .maxAuthFailuresPerSession(p.limits().maxAuthFailures())
        .maxAuthFailuresPerIp(p.limits().maxAuthFailuresPerIp())
        .authFailureWindow(p.limits().authFailureWindow())
        .maxConnections(p.limits().maxConnections())
        .maxConnectionsPerIp(p.limits().maxConnectionsPerIp())
        .eventLoopInstances(p.instances());
    for (Pop3Config.Pop3ListenerConfig listener : p.enabledListeners()) {
      options.addListener(new Pop3ListenerOptions(listener.name(), listener.bind(), listener.port(),
          listener.implicitTls()));
    }
    return options;
  }
}
