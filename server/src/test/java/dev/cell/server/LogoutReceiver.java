package dev.cell.server;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A relying party's back-channel logout endpoint (OIDC Back-Channel Logout 1.0 §2.5) on a free 127.0.0.1 port: records every
 * POST by path and answers each path with the status set for it (200 unless told otherwise).
 */
public final class LogoutReceiver implements AutoCloseable {
    /** One request as it arrived. */
    public record Received(String path, String contentType, String logoutToken, String body, Instant at) {}

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> statuses = new ConcurrentHashMap<>();

    public LogoutReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            }
            String token = null;
            for (String pair : body.split("&")) {
                if (pair.startsWith("logout_token=")) {
                    token = URLDecoder.decode(pair.substring("logout_token=".length()), StandardCharsets.US_ASCII);
                }
            }
            String path = exchange.getRequestURI().getPath();
            received.add(new Received(path, exchange.getRequestHeaders().getFirst("Content-Type"), token, body, Instant.now()));
            int status = "POST".equals(exchange.getRequestMethod()) ? statuses.getOrDefault(path, 200) : 405;
            if (status >= 300 && status < 400) {
                exchange.getResponseHeaders().add("Location", uri("/redirected"));
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    /** The URL of {@code path} on this receiver. */
    public String uri(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** Answers POSTs to {@code path} with {@code status} from now on. */
    public void answer(String path, int status) {
        statuses.put(path, status);
    }

    public List<Received> received(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    /** Waits until {@code path} got {@code count} requests (or the timeout passed); returns what it got. */
    public List<Received> await(String path, int count, Duration timeout) throws InterruptedException {
        Instant end = Instant.now().plus(timeout);
        while (received(path).size() < count && Instant.now().isBefore(end)) {
            Thread.sleep(20);
        }
        return received(path);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
