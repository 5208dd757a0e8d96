package dev.cell.assertion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.sun.net.httpserver.HttpServer;
import dev.cell.fetch.AddressPolicy;
import dev.cell.fetch.HttpFetcher;
import dev.cell.support.MutableClock;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Fetching a jwks_uri: cached for its lifetime, fetched again at most once per interval, failures remembered for that interval. */
class RemoteJwksTest {
    final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T12:00:00Z"));
    final AtomicReference<String> body = new AtomicReference<>();
    final AtomicInteger fetches = new AtomicInteger();
    final AtomicReference<Duration> delay = new AtomicReference<>(Duration.ZERO);
    HttpServer http;
    RemoteJwks remote;
    String uri;

    @BeforeEach
    void start() throws Exception {
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        http.createContext("/jwks", ex -> {
            fetches.incrementAndGet();
            sleepQuietly(delay.get());
            byte[] bytes = body.get().getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        });
        http.start();
        uri = "http://127.0.0.1:" + http.getAddress().getPort() + "/jwks";
        remote = new RemoteJwks(new HttpFetcher(AddressPolicy.anyAddress(), Duration.ofSeconds(10), null), 4096, Duration.ofMinutes(5), Duration.ofSeconds(30), clock);
    }

    @AfterEach
    void stop() {
        remote.close();
        http.stop(0);
    }

    static void sleepQuietly(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String set(String kid) throws Exception {
        ECKey key = new ECKeyGenerator(Curve.P_256).keyID(kid).generate();
        return new JWKSet(key.toPublicJWK()).toString();
    }

    @Test
    void keysAreCachedForTheirLifetime() throws Exception {
        body.set(set("a"));
        assertThat(remote.keys(uri)).extracting(k -> k.getKeyID()).containsExactly("a");
        body.set(set("b"));
        clock.advance(Duration.ofMinutes(4));
        assertThat(remote.keys(uri)).extracting(k -> k.getKeyID()).containsExactly("a");
        clock.advance(Duration.ofMinutes(2));
        assertThat(remote.keys(uri)).extracting(k -> k.getKeyID()).containsExactly("b");
        assertThat(fetches.get()).isEqualTo(2);
    }

    @Test
    void aRefetchWaitsForTheInterval() throws Exception {
        body.set(set("a"));
        remote.keys(uri);
        body.set(set("b"));
        assertThat(remote.refetch(uri)).extracting(k -> k.getKeyID()).containsExactly("a");
        clock.advance(Duration.ofSeconds(31));
        assertThat(remote.refetch(uri)).extracting(k -> k.getKeyID()).containsExactly("b");
        assertThat(fetches.get()).isEqualTo(2);
    }

    @Test
    void aFailureIsRememberedForTheIntervalThenRetried() throws Exception {
        body.set("{\"keys\": [ garbage");
        assertThatThrownBy(() -> remote.keys(uri)).isInstanceOf(JwksUnavailableException.class).hasMessageContaining("not a JWK set");
        body.set(set("a"));
        assertThatThrownBy(() -> remote.keys(uri)).isInstanceOf(JwksUnavailableException.class);
        assertThat(fetches.get()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(31));
        assertThat(remote.keys(uri)).extracting(k -> k.getKeyID()).containsExactly("a");
    }

    @Test
    void concurrentCallersShareOneFetch() throws Exception {
        body.set(set("a"));
        delay.set(Duration.ofMillis(500));
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<List<JWK>>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(threads.submit(() -> remote.keys(uri)));
            }
            for (Future<List<JWK>> r : results) {
                assertThat(r.get()).extracting(JWK::getKeyID).containsExactly("a");
            }
        }
        assertThat(fetches.get()).isEqualTo(1);
    }

    @Test
    void aDocumentOverTheLimitOrAnErrorStatusIsUnavailable() throws Exception {
        body.set("{\"keys\":[],\"pad\":\"" + "x".repeat(5000) + "\"}");
        assertThatThrownBy(() -> remote.keys(uri)).hasMessageContaining("larger than 4096 bytes");
        assertThatThrownBy(() -> remote.keys(uri.replace("/jwks", "/missing"))).hasMessageContaining("HTTP status 404");
        assertThatThrownBy(() -> remote.keys("http://127.0.0.1:1/jwks")).isInstanceOf(JwksUnavailableException.class);
    }
}
