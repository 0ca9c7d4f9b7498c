package dev.tern.ops.server;

import dev.tern.access.imap.ImapListenerOptions;
import dev.tern.access.imap.ImapServerOptions;
import dev.tern.ops.config.ImapConfig;
import dev.tern.ops.config.TernConfig;
import io.vertx.core.net.KeyCertOptions;

/** Turns the config file's view of IMAP into the access module's options. */
public final class ImapOptionsFactory {

  private ImapOptionsFactory() {}

  /**
   * @param keyCert the certificate SMTP and POP3 use too
   * @param quota   whether any storage limit is in force (a default or an account's own), so QUOTA is worth offering
   */
  public static ImapServerOptions build(TernConfig config, KeyCertOptions keyCert, boolean quota) {
    ImapConfig c = config.imap();
    ImapServerOptions options = new ImapServerOptions()
        .hostname(config.hostname())
        .keyCert(keyCert)
        .plaintextAuthOnInsecure(c.insecureAuth())
        .quota(quota)
        .idleTimeout(c.idleTimeout())
        .maxLineLength(c.limits().maxLineLength())
        .maxLiteralSize(c.limits().maxLiteralSize())
        .maxAppendSize(c.limits().maxAppendSize())
        .maxErrorsBeforeDisconnect(c.limits().maxErrors())
        .maxAuthFailuresPerSession(c.limits().maxAuthFailures())
        .maxAuthFailuresPerIp(c.limits().maxAuthFailuresPerIp())
        .authFailureWindow(c.limits().authFailureWindow())
        .maxConnections(c.limits().maxConnections())
        .maxConnectionsPerIp(c.limits().maxConnectionsPerIp())
        .structureCacheSize(c.structureCacheSize())
        .eventLoopInstances(c.instances());
    for (ImapConfig.ImapListenerConfig listener : c.enabledListeners()) {
      options.addListener(new ImapListenerOptions(listener.name(), listener.bind(), listener.port(),
          listener.implicitTls()));
    }
    return options;
  }
}
