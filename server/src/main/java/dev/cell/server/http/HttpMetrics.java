package dev.cell.server.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.DoubleStream;

/**
 * Request counts and latency histograms by endpoint (the route's path template, never the raw path), outcome ({@code success} or
 * the OAuth error code) and status.
 */
public final class HttpMetrics {
    /**
     * Upper bounds of the latency histogram ({@code le} of {@code cell_http_requests_seconds_bucket}), from 0.5 ms (a JWT
     * token) to 10 s: few enough to keep the series small, dense enough for {@code histogram_quantile} to give p50, p95, p99.
     */
    static final Duration[] BUCKETS = DoubleStream.of(0.5, 1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000)
            .mapToObj(ms -> Duration.ofNanos(Math.round(ms * 1_000_000)))
            .toArray(Duration[]::new);

    private final MeterRegistry registry;
    private final ConcurrentHashMap<String, Timer> timers = new ConcurrentHashMap<>();

    public HttpMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void record(String endpoint, Context ctx, long startNanos) {
        Object outcomeAttr = ctx.attribute(ErrorResponder.OUTCOME);
        String outcome = outcomeAttr == null ? (ctx.statusCode() < 400 ? "success" : "error") : outcomeAttr.toString();
        String status = Integer.toString(ctx.statusCode());
        String key = endpoint + '|' + outcome + '|' + status;
        Timer timer = timers.computeIfAbsent(key, k -> Timer.builder("cell.http.requests")
                .description("HTTP requests by endpoint and outcome")
                .tag("endpoint", endpoint)
                .tag("outcome", outcome)
                .tag("status", status)
                .publishPercentileHistogram(false)
                .serviceLevelObjectives(BUCKETS)
                .register(registry));
        timer.record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
    }
}
