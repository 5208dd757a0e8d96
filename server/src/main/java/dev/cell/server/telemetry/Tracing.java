package dev.cell.server.telemetry;

import dev.cell.config.CellConfig;
import dev.cell.jdbc.StatementObserver;
import io.javalin.http.Context;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * OpenTelemetry traces ({@code tracing.otlp-endpoint}): a server span per request, current while its handler runs, with a
 * client span per SQL statement it ran, sent over OTLP/HTTP in batches off the request path (a full queue drops spans,
 * never slows a request). A W3C {@code traceparent} (W3C Trace Context §3.2) continues the caller's trace. Spans carry
 * the route, path without query, status and client address, and SQL with placeholders: never a bound value or a header.
 */
public final class Tracing implements StatementObserver, AutoCloseable {
    private static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");
    private static final AttributeKey<String> ROUTE = AttributeKey.stringKey("http.route");
    private static final AttributeKey<String> PATH = AttributeKey.stringKey("url.path");
    private static final AttributeKey<String> SCHEME = AttributeKey.stringKey("url.scheme");
    private static final AttributeKey<String> CLIENT = AttributeKey.stringKey("client.address");
    private static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");
    private static final AttributeKey<String> DB_SYSTEM = AttributeKey.stringKey("db.system.name");
    private static final AttributeKey<String> DB_QUERY = AttributeKey.stringKey("db.query.text");
    private static final AttributeKey<String> DB_OPERATION = AttributeKey.stringKey("db.operation.name");
    private static final AttributeKey<String> DB_TABLE = AttributeKey.stringKey("db.collection.name");
    private static final int MAX_SQL = 2000;

    private static final TextMapGetter<Context> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Context ctx) {
            return ctx.headerMap().keySet();
        }

        @Override
        public String get(Context ctx, String key) {
            return ctx == null ? null : ctx.header(key);
        }
    };

    private final SdkTracerProvider provider;
    private final Tracer tracer;
    private final String dbSystem;

    /** @param databaseUrl the JDBC URL, for the database's name on SQL spans */
    public Tracing(CellConfig.Tracing config, String databaseUrl) {
        OtlpHttpSpanExporter exporter = OtlpHttpSpanExporter.builder()
                .setEndpoint(config.otlpEndpoint().toString())
                .setTimeout(Duration.ofSeconds(10))
                .build();
        this.provider = SdkTracerProvider.builder()
                .setResource(Resource.getDefault().merge(Resource.create(Attributes.of(
                        AttributeKey.stringKey("service.name"), "cell", AttributeKey.stringKey("service.version"), BuildInfo.version()))))
                .setSampler(Sampler.parentBased(Sampler.traceIdRatioBased(config.samplePercent() / 100.0)))
                .addSpanProcessor(BatchSpanProcessor.builder(exporter).build())
                .build();
        this.tracer = provider.get("dev.cell");
        this.dbSystem = databaseUrl.startsWith("jdbc:postgresql:") ? "postgresql" : databaseUrl.startsWith("jdbc:h2:") ? "h2" : "other_sql";
    }

    /** Starts the span of a request on {@code route} (its path template) and makes it current on this thread until {@link RequestSpan#end}. */
    public RequestSpan begin(Context ctx, String route) {
        io.opentelemetry.context.Context parent = W3CTraceContextPropagator.getInstance().extract(io.opentelemetry.context.Context.root(), ctx, HEADERS);
        String method = ctx.method().name();
        Span span = tracer.spanBuilder(method + " " + route)
                .setParent(parent)
                .setSpanKind(SpanKind.SERVER)
                .setAttribute(METHOD, method)
                .setAttribute(ROUTE, route)
                .setAttribute(PATH, ctx.path())
                .setAttribute(SCHEME, ctx.scheme())
                .setAttribute(CLIENT, ctx.ip())
                .startSpan();
        return new RequestSpan(span, span.makeCurrent());
    }

    /** A SQL statement of the current request, as a child of its span; statements outside a traced request are not recorded. */
    @Override
    public void statement(String sql, Instant start, Instant end, Throwable failure) {
        if (!Span.current().getSpanContext().isValid()) {
            return;
        }
        List<String> words = List.of(sql.strip().split("\\s+", 40));
        String operation = words.get(0).toUpperCase(Locale.ROOT);
        String table = table(words);
        Span span = tracer.spanBuilder(table == null ? operation : operation + " " + table)
                .setSpanKind(SpanKind.CLIENT)
                .setStartTimestamp(start)
                .setAttribute(DB_SYSTEM, dbSystem)
                .setAttribute(DB_OPERATION, operation)
                .setAttribute(DB_QUERY, sql.length() <= MAX_SQL ? sql : sql.substring(0, MAX_SQL))
                .startSpan();
        if (table != null) {
            span.setAttribute(DB_TABLE, table);
        }
        if (failure != null) {
            span.setStatus(StatusCode.ERROR, failure.getClass().getSimpleName());
        }
        span.end(end);
    }

    /** The table after the statement's first FROM, INTO or UPDATE. */
    private static String table(List<String> words) {
        for (int i = 0; i + 1 < words.size(); i++) {
            String w = words.get(i).toUpperCase(Locale.ROOT);
            if (w.equals("FROM") || w.equals("INTO") || w.equals("UPDATE")) {
                String t = words.get(i + 1).replaceAll("[^A-Za-z0-9_.]", "");
                return t.isEmpty() ? null : t;
            }
        }
        return null;
    }

    /** Sends what is queued and stops. */
    @Override
    public void close() {
        provider.close();
    }

    /** The span of one request and its scope on the request's thread. */
    public static final class RequestSpan {
        private final Span span;
        private final Scope scope;

        RequestSpan(Span span, Scope scope) {
            this.span = span;
            this.scope = scope;
        }

        /** Records the response status (5xx is an error, RFC 9110 §15.6) and ends the span. */
        public void end(Context ctx) {
            int status = ctx.statusCode();
            span.setAttribute(STATUS, (long) status);
            if (status >= 500) {
                span.setStatus(StatusCode.ERROR);
            }
            scope.close();
            span.end();
        }
    }
}
