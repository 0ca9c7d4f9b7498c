package dev.tern.ops.config;

import java.time.Duration;

/** The SMTP server's limits and timeouts; see SmtpServerOptions for what each one bounds. */
public record SmtpLimits(
    long maxMessageSize,
    int maxRecipients,
    int maxCommandLineLength,
    int maxTextLineLength,
    int maxHeaderBytes,
    int maxReceivedHeaders,
    int maxErrors,
    int maxConnections,
    int maxConnectionsPerIp,
    int maxAuthFailuresPerIp,
    Duration authFailureWindow,
    Duration commandTimeout,
    Duration dataTimeout) {}
