/** The operator's HTTP endpoint: Prometheus /metrics, /health and the token-protected admin API (JSON). */
package dev.tern.ops.http;
