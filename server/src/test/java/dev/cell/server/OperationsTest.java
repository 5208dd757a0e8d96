package dev.cell.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.cell.client.ClientAuthMethod;
import dev.cell.server.admin.ClientAdmin;
import dev.cell.token.AccessTokenFormat;
import dev.cell.token.Json;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Health, readiness, Prometheus metrics, and logs that never carry secrets or tokens. */
class OperationsTest {

    @Test
    void livenessAndReadiness() {
        try (TestServer s = TestServer.start()) {
            HttpResponse<String> live = s.get("/health/live");
            assertThat(live.statusCode()).isEqualTo(200);
            assertThat(live.body()).contains("UP");
            assertThat(s.get("/health/ready").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void readinessGoesDownWithTheDatabaseWhileLivenessStaysUp() {
        try (TestServer s = TestServer.start()) {
            s.database.close();
            HttpResponse<String> ready = s.get("/health/ready");
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(ready.body()).contains("DOWN");
            assertThat(s.get("/health/live").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void metricsCountRequestsByEndpointAndOutcome() {
        try (TestServer s = TestServer.start()) {
            ClientAdmin.Created c = s.confidentialClient("m", ClientAuthMethod.CLIENT_SECRET_BASIC, AccessTokenFormat.JWT, "read");
            s.post("/oauth/token", "grant_type=client_credentials", "Authorization", TestServer.basic("m", c.secret()));
            s.post("/oauth/token", "grant_type=client_credentials", "Authorization", TestServer.basic("m", c.secret()));
            s.post("/oauth/token", "grant_type=client_credentials", "Authorization", TestServer.basic("m", "wrong"));
            String metrics = s.get("/metrics").body();
            assertThat(metrics).contains("cell_http_requests_seconds_count{endpoint=\"/oauth/token\",outcome=\"success\",status=\"200\"} 2");
            assertThat(metrics).contains("cell_http_requests_seconds_count{endpoint=\"/oauth/token\",outcome=\"invalid_client\",status=\"401\"} 1");
            assertThat(metrics).contains("cell_http_requests_seconds_sum{endpoint=\"/oauth/token\"");
            assertThat(metrics).containsPattern("cell_crypto_provider\\{provider=\"[^\"]+\"} 1.0");
            assertThat(metrics).contains("jvm_memory_used_bytes");
        }
    }

    @Test
    void logsNeverContainSecretsOrTokens() throws Exception {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.setContext(context);
        captured.start();
        root.addAppender(captured);
        ch.qos.logback.classic.Level previous = root.getLevel();
        root.setLevel(ch.qos.logback.classic.Level.DEBUG);
        List<String> secrets = new ArrayList<>();
        try (TestServer s = TestServer.start()) {
            ClientAdmin.Created jwt = s.confidentialClient("log-jwt", ClientAuthMethod.CLIENT_SECRET_BASIC, AccessTokenFormat.JWT, "read");
            ClientAdmin.Created opaque = s.confidentialClient("log-opaque", ClientAuthMethod.CLIENT_SECRET_POST, AccessTokenFormat.OPAQUE, "read");
            secrets.add(jwt.secret());
            secrets.add(opaque.secret());
            secrets.add(Json.MAPPER.readTree(s.post("/oauth/token", "grant_type=client_credentials", "Authorization",
                    TestServer.basic("log-jwt", jwt.secret())).body()).get("access_token").asText());
            secrets.add(Json.MAPPER.readTree(s.post("/oauth/token", "grant_type=client_credentials&client_id=log-opaque&client_secret="
                    + opaque.secret()).body()).get("access_token").asText());
            s.post("/oauth/token", "grant_type=client_credentials&client_secret=" + jwt.secret(), "Authorization",
                    TestServer.basic("log-jwt", jwt.secret()));
            s.post("/oauth/token", "grant_type=client_credentials", "Authorization", TestServer.basic("log-jwt", "wrong-secret-value"));
            secrets.add("wrong-secret-value");
        } finally {
            root.detachAppender(captured);
            root.setLevel(previous);
        }
        assertThat(captured.list).isNotEmpty();
        for (ILoggingEvent e : captured.list) {
            String line = e.getFormattedMessage() + (e.getThrowableProxy() == null ? "" : e.getThrowableProxy().getMessage());
            for (String secret : secrets) {
                assertThat(line).as("log line must not contain a secret or token").doesNotContain(secret);
            }
        }
    }
}
