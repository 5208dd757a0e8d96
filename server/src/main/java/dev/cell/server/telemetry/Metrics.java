package dev.cell.server.telemetry;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/** The node's Prometheus registry: JVM and process meters, the signing provider and the build (docs/observability.md). */
public final class Metrics {
    private Metrics() {}

    public static PrometheusMeterRegistry registry(String cryptoProvider) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        Gauge.builder("cell.crypto.provider", () -> 1)
                .description("The JCA provider that signs tokens")
                .tag("provider", cryptoProvider)
                .register(registry);
        Gauge.builder("cell.build.info", () -> 1)
                .description("The Cell version and the Java runtime of this node")
                .tag("version", BuildInfo.version())
                .tag("java_version", Runtime.version().toString())
                .register(registry);
        return registry;
    }
}
