package dev.cell.server.http;

import dev.cell.config.CellConfig;
import dev.cell.server.telemetry.Tracing;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.util.JavalinBindException;
import java.net.BindException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The HTTP listener (HTTPS with HTTP/2 when {@code server.tls} is set): Javalin on Jetty with virtual threads; every route wrapped
 * by headers (CORS on the paths {@link Cors} names), errors and metrics; every request, matched or not, in the access log when it is on.
 */
public final class WebServer {
    private final Javalin app;
    private final CellConfig.Server server;
    private final String portSetting;

    public WebServer(CellConfig.Server server, List<Route> routes, ErrorResponder errors, HttpMetrics metrics) {
        this("server.port", server, routes, errors, metrics);
    }

    /** @param portSetting the setting that chose the port, named when the port is taken */
    public WebServer(String portSetting, CellConfig.Server server, List<Route> routes, ErrorResponder errors, HttpMetrics metrics) {
        this(portSetting, server, routes, errors, new HttpTelemetry(metrics, null, null));
    }

    /** @param portSetting the setting that chose the port, named when the port is taken */
    public WebServer(String portSetting, CellConfig.Server server, List<Route> routes, ErrorResponder errors, HttpTelemetry telemetry) {
        HttpMetrics metrics = telemetry.metrics();
        Tracing tracing = telemetry.tracing();
        this.server = server;
        this.portSetting = portSetting;
        TlsConnector tls = server.tls() == null ? null : new TlsConnector(server.tls());
        Map<String, Set<String>> methodsByPath = new LinkedHashMap<>();
        routes.forEach(r -> {
            Set<String> methods = methodsByPath.computeIfAbsent(r.path(), p -> new LinkedHashSet<>());
            methods.add(r.method().name());
            if (r.method() == HandlerType.GET) {
                methods.add(HandlerType.HEAD.name());
            }
        });
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.concurrency.useVirtualThreads = true;
            config.http.maxRequestSize = server.maxRequestBytes();
            config.http.generateEtags = false;
            config.jetty.modifyHttpConfiguration(http -> {
                http.setRequestHeaderSize(server.maxHeaderBytes());
                http.setSendServerVersion(false);
                http.setSendDateHeader(true);
                // no per-connection cache of whole header lines: matching every line against it cost ~5% of a token request
                http.setHeaderCacheSize(0);
                if (!server.trustedProxies().isEmpty()) {
                    http.addCustomizer(new TrustedProxies(server.trustedProxies()));
                }
            });
            config.jetty.modifyServer(jetty -> {
                jetty.setErrorHandler(new ProtocolErrorHandler());
                if (telemetry.accessLog() != null) {
                    jetty.setRequestLog(telemetry.accessLog());
                }
            });
            config.jetty.addConnector((jetty, http) -> {
                ServerConnector connector = tls != null ? tls.connector(jetty, http) : new ServerConnector(jetty, new HttpConnectionFactory(http));
                connector.setHost(server.host());
                connector.setPort(server.port());
                connector.setIdleTimeout(server.idleTimeout().toMillis());
                return connector;
            });
            for (Route r : routes) {
                boolean cors = server.cors() && Cors.applies(r.path());
                Handler handler = ctx -> {
                    long start = System.nanoTime();
                    SecurityHeaders.apply(ctx);
                    if (cors) {
                        Cors.actual(ctx);
                    }
                    Tracing.RequestSpan span = tracing == null ? null : tracing.begin(ctx, r.path());
                    try {
                        r.handler().handle(ctx);
                    } catch (Exception e) {
                        errors.respond(ctx, e);
                    } finally {
                        metrics.record(r.path(), ctx, start);
                        if (span != null) {
                            span.end(ctx);
                        }
                    }
                };
                config.routes.addHttpHandler(r.method(), r.path(), handler);
                if (r.method() == HandlerType.GET) {
                    // HEAD is GET without the content (RFC 9110 §9.3.2): the same status and header fields; Jetty drops the body
                    config.routes.addHttpHandler(HandlerType.HEAD, r.path(), handler);
                }
            }
            methodsByPath.forEach((path, allowed) -> {
                boolean cors = server.cors() && Cors.applies(path);
                if (cors) {
                    config.routes.addHttpHandler(HandlerType.OPTIONS, path, ctx -> preflight(ctx, allowed, metrics, path));
                }
                for (HandlerType other : List.of(HandlerType.GET, HandlerType.HEAD, HandlerType.POST, HandlerType.PUT, HandlerType.DELETE,
                        HandlerType.PATCH, HandlerType.OPTIONS, HandlerType.TRACE)) {
                    if (!allowed.contains(other.name()) && !(cors && other == HandlerType.OPTIONS)) {
                        config.routes.addHttpHandler(other, path, ctx -> methodNotAllowed(ctx, allowed, errors, metrics, path, cors));
                    }
                }
            });
            config.routes.exception(Exception.class, (e, ctx) -> {
                SecurityHeaders.apply(ctx);
                errors.respond(ctx, e);
            });
            config.routes.error(404, ctx -> {
                String type = ctx.res().getContentType();
                if (type == null || !type.startsWith("application/")) {
                    SecurityHeaders.apply(ctx);
                    errors.respond(ctx, new HttpResponseException(404, "not found"));
                }
            });
        });
    }

    private static void methodNotAllowed(Context ctx, Set<String> allowed, ErrorResponder errors, HttpMetrics metrics, String path, boolean cors) {
        long start = System.nanoTime();
        SecurityHeaders.apply(ctx);
        if (cors) {
            Cors.actual(ctx);
        }
        ctx.header("Allow", String.join(", ", allowed));
        errors.respond(ctx, new HttpResponseException(405, "method not allowed"));
        metrics.record(path, ctx, start);
    }

    private static void preflight(Context ctx, Set<String> allowed, HttpMetrics metrics, String path) {
        long start = System.nanoTime();
        SecurityHeaders.apply(ctx);
        Cors.preflight(ctx, allowed);
        metrics.record(path, ctx, start);
    }

    /** Starts listening; a taken port is one line an operator can act on, not a stack trace. */
    public WebServer start() {
        try {
            app.start();
        } catch (RuntimeException e) {
            if (bindFailure(e)) {
                throw new IllegalStateException("port " + server.port() + " is in use" + (server.host().equals("0.0.0.0") ? "" : " on " + server.host())
                        + ": stop what listens there, or choose another port with " + (portSetting.equals("server.port") ? "--port or " : "") + portSetting);
            }
            throw e;
        }
        return this;
    }

    private static boolean bindFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof JavalinBindException || t instanceof BindException) {
                return true;
            }
        }
        return false;
    }

    /** The bound port (useful when configured as 0). */
    public int port() {
        return app.port();
    }

    public void stop() {
        app.stop();
    }
}
