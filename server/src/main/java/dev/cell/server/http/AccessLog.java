package dev.cell.server.http;

import dev.cell.token.Json;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Locale;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.RequestLog;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.NanoTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The access log ({@code logging.access-log}): one line per request on the logger {@value #LOGGER} with method, path, status,
 * duration, client address and response bytes. The query string is never written, as it can carry codes, tokens and
 * {@code login_hint} (RFC 9700 §4.3), nor any header. The address is the one {@code server.trusted-proxies} establishes:
 * Jetty hands this log the request as the forwarding customizer rewrote it.
 */
public final class AccessLog implements RequestLog {
    public static final String LOGGER = "cell.access";
    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);
    private static final int MAX_PATH = 200;

    private final boolean json;
    private final Clock clock;

    /** @param json one JSON object per line; else a line for people */
    public AccessLog(boolean json, Clock clock) {
        this.json = json;
        this.clock = clock;
    }

    @Override
    public void log(Request request, Response response) {
        if (!LOG.isInfoEnabled()) {
            return;
        }
        String method = printable(request.getMethod());
        String path = printable(request.getHttpURI().getPath());
        int status = response.getStatus();
        double millis = NanoTime.since(request.getBeginNanoTime()) / 1e6;
        String client = Request.getRemoteAddr(request);
        long bytes = Response.getContentBytesWritten(response);
        LOG.info(json ? json(method, path, status, millis, client, bytes)
                : String.format(Locale.ROOT, "%s %s %s %d %.3f ms %d bytes", client, method, path, status, millis, bytes));
    }

    private String json(String method, String path, int status, double millis, String client, long bytes) {
        return new String(Json.write(g -> {
            g.writeStartObject();
            g.writeStringField("time", clock.instant().toString());
            g.writeStringField("logger", LOGGER);
            g.writeStringField("method", method);
            g.writeStringField("path", path);
            g.writeNumberField("status", status);
            g.writeNumberField("duration_ms", Math.round(millis * 1000) / 1000.0);
            g.writeStringField("client", client);
            g.writeNumberField("bytes", bytes);
            g.writeEndObject();
        }), StandardCharsets.UTF_8);
    }

    /** At most {@value #MAX_PATH} characters, control characters as '?', so a request can neither forge lines nor flood them. */
    static String printable(String value) {
        if (value == null) {
            return "-";
        }
        String cut = value.length() <= MAX_PATH ? value : value.substring(0, MAX_PATH) + "...";
        StringBuilder out = new StringBuilder(cut.length());
        for (int i = 0; i < cut.length(); i++) {
            char c = cut.charAt(i);
            out.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return out.toString();
    }
}
