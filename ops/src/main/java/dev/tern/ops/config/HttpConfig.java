package dev.tern.ops.config;

/** The HTTP endpoint for /metrics, /health and the admin API. */
public record HttpConfig(String bind, int port) {}
