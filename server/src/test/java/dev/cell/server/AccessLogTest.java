package dev.cell.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import dev.cell.client.ClientAuthMethod;
import dev.cell.server.admin.ClientAdmin;
import dev.cell.server.http.AccessLog;
import dev.cell.token.AccessTokenFormat;
import dev.cell.token.Json;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** logging.access-log: one line per request, never a query string, a secret or a token; the client address through trusted proxies. */
class AccessLogTest {
    private static final String SECRET = "s3cr3t-value-never-logged";
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private Logger access;
    private Level previous;

    @BeforeEach
    void capture() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        access = context.getLogger(AccessLog.LOGGER);
        previous = access.getLevel();
        access.setLevel(Level.INFO);
        lines.setContext(context);
        lines.start();
        access.addAppender(lines);
    }

    @AfterEach
    void release() {
        access.detachAppender(lines);
        access.setLevel(previous);
    }

    @Test
    void everyRequestIsOneLineWithoutQueryOrSecrets() {
        try (TestServer s = TestServer.start(Map.of("logging.access-log", "true"))) {
            ClientAdmin.Created c = s.confidentialClient("acc", ClientAuthMethod.CLIENT_SECRET_POST, AccessTokenFormat.OPAQUE, "read");
            String token = s.post("/oauth/token", "grant_type=client_credentials&client_id=acc&client_secret=" + c.secret()).body();
            String accessToken = Json.MAPPER.readTree(token).get("access_token").asText();
            s.get("/oauth/authorize?response_type=code&client_id=acc&state=" + SECRET + "&code_challenge=" + SECRET + "&login_hint=" + SECRET);
            s.get("/userinfo?access_token=" + accessToken);
            s.get("/oauth/no-such-endpoint?code=" + SECRET + "&client_secret=" + SECRET);
            s.send(HttpRequest.newBuilder(URI.create(s.url("/oauth/token?client_secret=" + SECRET)))
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Authorization", TestServer.basic("acc", c.secret())).build());

            String tokenLine = await(l -> l.contains(" POST /oauth/token 200 "));
            assertThat(tokenLine).matches("127\\.0\\.0\\.1 POST /oauth/token 200 \\d+\\.\\d{3} ms \\d+ bytes");
            await(l -> l.contains("GET /oauth/authorize "));
            await(l -> l.contains("GET /userinfo 401 "));
            await(l -> l.contains("GET /oauth/no-such-endpoint 404 "));
            await(l -> l.contains("POST /oauth/token 400 ") || l.contains("POST /oauth/token 401 "));
            for (String line : messages()) {
                assertThat(line).doesNotContain(SECRET).doesNotContain(c.secret()).doesNotContain(accessToken).doesNotContain("?");
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void theClientAddressIsTheOneTrustedProxiesEstablish() {
        try (TestServer s = TestServer.start(Map.of("logging.access-log", "true", "server.trusted-proxies", "127.0.0.1"))) {
            s.send(HttpRequest.newBuilder(URI.create(s.url("/oauth/jwks"))).header("X-Forwarded-For", "198.51.100.9, 203.0.113.7").GET().build());
            assertThat(await(l -> l.contains("GET /oauth/jwks 200"))).startsWith("203.0.113.7 ");
        }
        try (TestServer s = TestServer.start(Map.of("logging.access-log", "true"))) {
            s.send(HttpRequest.newBuilder(URI.create(s.url("/oauth/token_key"))).header("X-Forwarded-For", "203.0.113.7").GET().build());
            assertThat(await(l -> l.contains("GET /oauth/token_key 200"))).as("an untrusted peer's header is ignored").startsWith("127.0.0.1 ");
        }
    }

    @Test
    void jsonLinesCarryTheFields() throws Exception {
        try (TestServer s = TestServer.start(Map.of("logging.access-log", "true", "logging.format", "json"))) {
            s.get("/.well-known/openid-configuration?x=" + SECRET);
            JsonNode line = Json.MAPPER.readTree(await(l -> l.contains("openid-configuration")));
            assertThat(line.get("method").asText()).isEqualTo("GET");
            assertThat(line.get("path").asText()).isEqualTo("/.well-known/openid-configuration");
            assertThat(line.get("status").asInt()).isEqualTo(200);
            assertThat(line.get("duration_ms").asDouble()).isPositive();
            assertThat(line.get("client").asText()).isEqualTo("127.0.0.1");
            assertThat(line.get("bytes").asLong()).isPositive();
            assertThat(line.get("logger").asText()).isEqualTo("cell.access");
            assertThat(line.toString()).doesNotContain(SECRET);
        }
    }

    @Test
    void offByDefault() throws Exception {
        try (TestServer s = TestServer.start()) {
            s.get("/oauth/jwks");
            Thread.sleep(300);
            assertThat(messages()).isEmpty();
        }
    }

    private List<String> messages() {
        synchronized (lines.list) {
            return lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        }
    }

    /** The access line is written once the response is complete, which can be a moment after the client has it. */
    private String await(Predicate<String> wanted) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline) {
            for (String line : messages()) {
                if (wanted.test(line)) {
                    return line;
                }
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("no such access line in " + messages());
    }
}
