package dev.cell.server.http;

/**
 * What a listener reports about each request: latency metrics always, the access log when {@code logging.access-log} is on.
 *
 * @param accessLog null when off
 */
public record HttpTelemetry(HttpMetrics metrics, AccessLog accessLog) {
    public HttpTelemetry {
        if (metrics == null) {
            throw new IllegalArgumentException("metrics are required");
        }
    }
}
