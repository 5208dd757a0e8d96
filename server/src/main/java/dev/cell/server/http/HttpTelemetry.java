package dev.cell.server.http;

import dev.cell.server.telemetry.Tracing;

/**
 * What a listener reports about each request: latency metrics always, the access log when {@code logging.access-log} is on, a
 * trace span when {@code tracing.otlp-endpoint} is set.
 *
 * @param accessLog null when off
 * @param tracing null when off
 */
public record HttpTelemetry(HttpMetrics metrics, AccessLog accessLog, Tracing tracing) {
    public HttpTelemetry {
        if (metrics == null) {
            throw new IllegalArgumentException("metrics are required");
        }
    }
}
