package dev.cell.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** A jwks_uri on loopback (JDK HttpServer) that serves a JWK set, or misbehaves: too slow, garbage, too large. */
final class JwksServer implements AutoCloseable {
    private final HttpServer http;
    private final AtomicReference<String> jwks = new AtomicReference<>("{\"keys\":[]}");
    private final AtomicInteger fetches = new AtomicInteger();

    JwksServer() {
        try {
            http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        http.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        http.createContext("/jwks", ex -> {
            fetches.incrementAndGet();
            send(ex, jwks.get());
        });
        http.createContext("/slow", ex -> {
            try {
                Thread.sleep(Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            send(ex, jwks.get());
        });
        http.createContext("/garbage", ex -> send(ex, "<html>this is not { a JWK set"));
        http.createContext("/large", ex -> send(ex, "{\"keys\":[],\"padding\":\"" + "x".repeat(200_000) + "\"}"));
        http.start();
    }

    /** The URL of a path on this server: /jwks, /slow, /garbage or /large. */
    String url(String path) {
        return "http://127.0.0.1:" + http.getAddress().getPort() + path;
    }

    /** Sets the JWK set /jwks and /slow serve. */
    void serve(String jwkSetJson) {
        jwks.set(jwkSetJson);
    }

    /** How many times /jwks was fetched. */
    int fetches() {
        return fetches.get();
    }

    private static void send(HttpExchange ex, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        http.stop(0);
    }
}
