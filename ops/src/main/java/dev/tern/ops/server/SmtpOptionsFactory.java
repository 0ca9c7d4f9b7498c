package dev.tern.ops.server;

import dev.tern.ops.config.ListenerConfig;
import dev.tern.ops.config.SmtpLimits;
import dev.tern.ops.config.TernConfig;
import dev.tern.relay.SmtpListenerOptions;
import dev.tern.relay.SmtpServerOptions;
import io.vertx.core.net.KeyCertOptions;

/** Turns the config file's view of SMTP into the relay module's options. */
public final class SmtpOptionsFactory {

  private SmtpOptionsFactory() {}

  public static SmtpServerOptions build(TernConfig config, KeyCertOptions keyCert) {
    SmtpLimits l = config.smtp().limits();
    SmtpServerOptions options = new SmtpServerOptions()
        .hostname(config.hostname())
        .trustedNetworks(config.smtp().trustedNetworks())
        .keyCert(keyCert)
        .maxMessageSize(l.maxMessageSize())
        .maxRecipients(l.maxRecipients())
        .maxCommandLineLength(l.maxCommandLineLength())
        .maxTextLineLength(l.maxTextLineLength())
        .maxHeaderBytes(l.maxHeaderBytes())
        .maxReceivedHeaders(l.maxReceivedHeaders())
        .maxErrors(l.maxErrors())
        .maxConnections(l.maxConnections())
        .maxConnectionsPerIp(l.maxConnectionsPerIp())
        .maxAuthFailuresPerIp(l.maxAuthFailuresPerIp())
        .authFailureWindow(l.authFailureWindow())
        .commandTimeout(l.commandTimeout())
        .dataTimeout(l.dataTimeout())
        .eventLoopInstances(config.smtp().instances());
    for (ListenerConfig listener : config.smtp().enabledListeners()) {
      options.addListener(new SmtpListenerOptions(listener.name(), listener.role(), listener.bind(), listener.port()));
    }
    return options;
  }
}
