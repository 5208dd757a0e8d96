package dev.cell.server.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.javalin.http.Context;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** Request counts and latency by endpoint and outcome ({@code success} or the OAuth error code). */
public final class HttpMetrics {
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
                .register(registry));
        timer.record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
    }
}
