package dev.cell.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cell.config.CellConfig;
import dev.cell.config.Cidr;
import io.javalin.http.HandlerType;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code server.trusted-proxies} (RFC 9700 section 4.13; RFC 7239): forwarding headers set the client address and scheme
 * only on connections from a trusted proxy, and then the client is the right-most hop that is not a trusted proxy.
 */
class TrustedProxiesTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void headersFromAnUntrustedPeerAreIgnored() throws Exception {
        try (Running s = new Running("192.0.2.0/24")) {
            assertThat(s.whoami("X-Forwarded-For", "203.0.113.7", "X-Forwarded-Proto", "https")).isEqualTo("127.0.0.1 http");
            assertThat(s.whoami("Forwarded", "for=203.0.113.7;proto=https")).isEqualTo("127.0.0.1 http");
        }
    }

    @Test
    void withoutTrustedProxiesNoPeerIsTrusted() throws Exception {
        try (Running s = new Running()) {
            assertThat(s.whoami("X-Forwarded-For", "203.0.113.7", "X-Forwarded-Proto", "https")).isEqualTo("127.0.0.1 http");
        }
    }

    @Test
    void aTrustedProxyGivesTheClientAddressAndScheme() throws Exception {
        try (Running s = new Running("127.0.0.1", "10.0.0.0/8")) {
            assertThat(s.whoami("X-Forwarded-For", "203.0.113.7", "X-Forwarded-Proto", "https")).isEqualTo("203.0.113.7 https");
            assertThat(s.whoami("X-Forwarded-For", "198.51.100.1, 203.0.113.7, 10.1.2.3"))
                    .as("the right-most hop that is not a trusted proxy; what the client wrote to its left is ignored")
                    .isEqualTo("203.0.113.7 http");
            assertThat(s.whoami("Forwarded", "for=198.51.100.1, for=\"[2001:db8::17]:4711\";proto=https, for=10.0.0.5"))
                    .isEqualTo("[2001:db8:0:0:0:0:0:17] https");
            assertThat(s.whoami("Forwarded", "for=unknown", "X-Forwarded-For", "203.0.113.7"))
                    .as("Forwarded first; an unknown client leaves the peer").isEqualTo("127.0.0.1 http");
            assertThat(s.whoami("X-Forwarded-For", "not-an-address")).isEqualTo("127.0.0.1 http");
        }
    }

    /** A WebServer with one route that answers the client address and scheme it sees. */
    private static final class Running implements AutoCloseable {
        final WebServer web;

        Running(String... trusted) {
            List<Cidr> proxies = java.util.Arrays.stream(trusted).map(c -> Cidr.parse("server.trusted-proxies", c)).toList();
            CellConfig.Server config = new CellConfig.Server("127.0.0.1", 0, 65536, 8192, Duration.ofSeconds(30), proxies, null, false);
            web = new WebServer(config, List.of(new Route(HandlerType.GET, "/whoami", ctx -> ctx.result(ctx.ip() + " " + ctx.scheme()))),
                    new ErrorResponder("localhost"), new HttpMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))).start();
        }

        String whoami(String... headers) throws Exception {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.port() + "/whoami")).headers(headers).build();
            HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            return r.body();
        }

        @Override
        public void close() {
            web.stop();
        }
    }
}
