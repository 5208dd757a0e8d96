package dev.cell.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import dev.cell.client.ClientAuthMethod;
import dev.cell.client.ClientMetadata;
import dev.cell.consent.Consent;
import dev.cell.jdbc.Database;
import dev.cell.server.admin.ClientAdmin;
import dev.cell.server.cli.CellCommand;
import dev.cell.token.AccessTokenFormat;
import dev.cell.token.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.HttpCookie;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The audit trail (RFC 9700 §4.13, §4.14): logins, consents, tokens issued and revoked, client, user and key changes as
 * JSON lines with time, event, outcome, actor, client and IP; and no log line of any logger ever holds a secret used.
 */
class AuditLogTest {
    static final String REDIRECT = "https://app.example/callback";

    @TempDir
    Path dir;

    /**
     * Collects every event of every logger while it is open, Cell's at DEBUG (the most {@code logging.level} allows) and the
     * libraries' at INFO (LoggingSetup pins them at WARN; Jetty's DEBUG output dumps request headers, cookies included, and is
     * never switched on); read it once closed.
     */
    static final class Capture implements AutoCloseable {
        final ListAppender<ILoggingEvent> all = new ListAppender<>();
        final ListAppender<ILoggingEvent> audit = new ListAppender<>();
        private final Map<Logger, Level> levels = new HashMap<>();
        private final Logger root;
        private final Logger auditLogger;

        Capture() {
            LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
            root = context.getLogger(Logger.ROOT_LOGGER_NAME);
            auditLogger = context.getLogger(AuditLog.LOGGER);
            Logger cell = context.getLogger("dev.cell");
            for (Logger l : List.of(root, cell, auditLogger)) {
                levels.put(l, l.getLevel());
            }
            root.setLevel(Level.INFO);
            cell.setLevel(Level.DEBUG);
            auditLogger.setLevel(Level.INFO);
            for (ListAppender<ILoggingEvent> a : List.of(all, audit)) {
                a.setContext(context);
                a.start();
            }
            root.addAppender(all);
            auditLogger.addAppender(audit);
        }

        /** Every line as a person reading the log would see it: message, arguments, key-values, MDC and stack traces. */
        List<String> lines() {
            return Stream.concat(all.list.stream(), audit.list.stream()).map(Capture::text).toList();
        }

        List<JsonNode> auditLines() throws Exception {
            List<JsonNode> out = new ArrayList<>();
            for (ILoggingEvent e : audit.list) {
                out.add(Json.MAPPER.readTree(e.getFormattedMessage()));
            }
            return out;
        }

        private static String text(ILoggingEvent e) {
            StringBuilder b = new StringBuilder(e.getLoggerName()).append(' ').append(e.getFormattedMessage());
            if (e.getArgumentArray() != null) {
                b.append(' ').append(Arrays.deepToString(e.getArgumentArray()));
            }
            if (e.getKeyValuePairs() != null) {
                b.append(' ').append(e.getKeyValuePairs());
            }
            b.append(' ').append(e.getMDCPropertyMap());
            for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
                b.append(' ').append(t.getClassName()).append(": ").append(t.getMessage());
                for (StackTraceElementProxy s : t.getStackTraceElementProxyArray()) {
                    b.append(' ').append(s.getSTEAsString());
                }
            }
            return b.toString();
        }

        @Override
        public void close() {
            root.detachAppender(all);
            auditLogger.detachAppender(audit);
            levels.forEach(Logger::setLevel);
        }
    }

    private static String cookie(Browser b, String name) {
        return b.cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name)).map(HttpCookie::getValue)
                .findFirst().orElseThrow();
    }

    private static JsonNode event(List<JsonNode> lines, String event, String outcome) {
        return lines.stream().filter(l -> l.get("event").asText().equals(event) && l.get("outcome").asText().equals(outcome)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + event + " " + outcome + " in " + lines));
    }

    @Test
    void aFullFlowIsAuditedAndNoLogLineHoldsAnySecretItUsed() throws Exception {
        List<String> secrets = new ArrayList<>();
        String userId;
        Capture capture = new Capture();
        try (capture; TestServer s = TestServer.start()) {
            ClientAdmin.Created web = s.clients.create("web", ClientMetadata.builder().clientName("Web")
                    .tokenEndpointAuthMethod(ClientAuthMethod.CLIENT_SECRET_BASIC)
                    .grantTypes(Set.of("authorization_code", "refresh_token")).redirectUris(List.of(REDIRECT))
                    .scopes(Set.of("openid", "offline_access", "notes.read")).accessTokenFormat(AccessTokenFormat.OPAQUE)
                    .build());
            userId = s.users.create("yara", "yara-password-1", Map.of(), Set.of()).id();
            secrets.addAll(List.of(web.secret(), "yara-password-1", "wrong-password-9", "pw-typed-as-username", AuthorizationCodeFlowTest.VERIFIER));

            Browser b = new Browser(s.url(""));
            String login = Browser.location(b.get(AuthorizationCodeFlowTest.authorizeUrl("web", REDIRECT, "openid offline_access notes.read", "")));
            assertThat(AuthorizationCodeFlowTest.login(b, login, "yara", "wrong-password-9").statusCode()).isEqualTo(401);
            assertThat(AuthorizationCodeFlowTest.login(b, login, "pw-typed-as-username", "yara-password-1").statusCode()).isEqualTo(401);
            HttpResponse<String> signedIn = AuthorizationCodeFlowTest.login(b, login, "yara", "yara-password-1");
            secrets.add(cookie(b, "cell_session"));
            secrets.add(cookie(b, "cell_browser"));
            HttpResponse<String> consent = b.get(Browser.location(signedIn));
            Map<String, String> form = new HashMap<>(Browser.hiddenFields(consent.body()));
            secrets.add(form.get("csrf"));
            form.put("decision", "allow");
            String code = Browser.query(Browser.location(b.post("/oauth/confirm_access", form))).get("code");
            secrets.add(code);

            JsonNode tokens = Json.MAPPER.readTree(s.post("/oauth/token", "grant_type=authorization_code&code=" + code + "&redirect_uri="
                    + AuthorizationCodeFlowTest.enc(REDIRECT) + "&code_verifier=" + AuthorizationCodeFlowTest.VERIFIER, "Authorization",
                    TestServer.basic("web", web.secret())).body());
            Stream.of("access_token", "refresh_token", "id_token").forEach(k -> secrets.add(tokens.get(k).asText()));
            String refresh = tokens.get("refresh_token").asText();
            JsonNode refreshed = Json.MAPPER.readTree(s.post("/oauth/token", "grant_type=refresh_token&refresh_token=" + refresh,
                    "Authorization", TestServer.basic("web", web.secret())).body());
            Stream.of("access_token", "refresh_token", "id_token").forEach(k -> secrets.add(refreshed.get(k).asText()));
            assertThat(s.post("/oauth/revoke", "token=" + refreshed.get("refresh_token").asText() + "&token_type_hint=refresh_token",
                    "Authorization", TestServer.basic("web", web.secret())).statusCode()).isEqualTo(200);
            assertThat(s.post("/oauth/token", "grant_type=refresh_token&refresh_token=" + refresh, "Authorization",
                    TestServer.basic("web", web.secret())).statusCode()).isEqualTo(400);
            assertThat(s.post("/oauth/token", "grant_type=client_credentials", "Authorization", TestServer.basic("web", "wrong-secret-7"))
                    .statusCode()).isEqualTo(401);
            secrets.add("wrong-secret-7");
        }
        List<JsonNode> audit = capture.auditLines();
        List<String> lines = capture.lines();

        assertThat(lines).hasSizeGreaterThan(audit.size());
        for (String line : lines) {
            for (String secret : secrets) {
                assertThat(line).as("a log line holds a secret").doesNotContain(secret);
            }
        }
        for (JsonNode l : audit) {
            assertThat(l.has("time") && l.has("event") && l.has("outcome") && l.has("actor") && l.has("client") && l.has("ip")).as(l.toString())
                    .isTrue();
        }
        JsonNode failed = event(audit, "login", "failure");
        assertThat(failed.get("actor").asText()).isEqualTo(userId);
        assertThat(failed.get("client").asText()).isEqualTo("web");
        assertThat(failed.get("ip").asText()).isEqualTo("127.0.0.1");
        assertThat(audit).anySatisfy(l -> assertThat(l.toString()).contains("\"login\"").contains("unknown_user").contains("\"actor\":null"));
        assertThat(event(audit, "login", "success").get("actor").asText()).isEqualTo(userId);
        assertThat(event(audit, "consent.granted", "success").get("scope").asText()).isEqualTo("notes.read offline_access openid");
        List<JsonNode> issued = audit.stream().filter(l -> l.get("event").asText().equals("token.issued")).toList();
        assertThat(issued).extracting(l -> l.get("outcome").asText() + " " + l.path("grant_type").asText() + " " + l.path("tokens").asText()
                + " " + l.path("error").asText()).containsExactly(
                "success authorization_code access_token refresh_token id_token ",
                "success refresh_token access_token refresh_token id_token ",
                "failure refresh_token  invalid_grant",
                "failure client_credentials  invalid_client");
        assertThat(issued.get(0).get("actor").asText()).isEqualTo(userId);
        assertThat(event(audit, "token.revoked", "success").get("client").asText()).isEqualTo("web");
    }

    @Test
    void tokenRequestsWithAMalformedBodyOrHeaderAreAuditedToo() throws Exception {
        Capture capture = new Capture();
        try (capture; TestServer s = TestServer.start()) {
            assertThat(s.post("/oauth/token", "grant_type=client_credentials", "Content-Type", "application/json").statusCode()).isEqualTo(400);
            assertThat(s.post("/oauth/token", "grant_type=client_credentials&grant_type=password").statusCode()).isEqualTo(400);
            assertThat(s.post("/oauth/token", "grant_type=client_credentials", "Authorization", "Basic !!!").statusCode()).isEqualTo(401);
        }
        List<JsonNode> failed = capture.auditLines().stream().filter(l -> l.get("event").asText().equals("token.issued")).toList();
        assertThat(failed).extracting(l -> l.get("outcome").asText() + " " + l.get("error").asText())
                .containsExactly("failure invalid_request", "failure invalid_request", "failure invalid_client");
    }

    private record Run(int code, String out, String err) {}

    private Run cell(String... args) throws Exception {
        Path config = dir.resolve("cell.yaml");
        if (!Files.exists(config)) {
            Files.writeString(config, "database:\n  url: \"jdbc:h2:file:" + dir.resolve("cell").toAbsolutePath() + "\"\nkeys:\n  master-key: \""
                    + dev.cell.keys.MasterKey.generate(new java.security.SecureRandom()) + "\"\nlogging:\n  format: text\n  audit-file: \""
                    + dir.resolve("audit.log") + "\"\n");
            new Database("jdbc:h2:file:" + dir.resolve("cell").toAbsolutePath(), "", "", 2).close();    // commands never create one
        }
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
        try {
            List<String> all = new ArrayList<>(List.of("--config", config.toString()));
            all.addAll(List.of(args));
            return new Run(CellCommand.run(all.toArray(String[]::new)), o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void managementCommandsAreAuditedAsJsonLinesWithoutSecrets() throws Exception {
        List<String> secrets = new ArrayList<>();
        StringBuilder err = new StringBuilder();
        Run created = cell("client", "create", "--name", "Billing", "--id", "billing");
        secrets.add(created.out().replaceAll("(?s).*client_secret:\\s+(\\S+).*", "$1"));
        Run rotated = cell("client", "rotate-secret", "billing");
        secrets.add(rotated.out().replaceAll("(?s).*client_secret:\\s+(\\S+).*", "$1"));
        secrets.add("zed-password-1");
        secrets.add("zed-password-2");
        Run userCreated = cell("user", "create", "zed", "--password", "zed-password-1");
        try (Database db = new Database("jdbc:h2:file:" + dir.resolve("cell").toAbsolutePath(), "", "", 2)) {
            String zed = db.stores().users().findByUsername("zed").orElseThrow().id();
            db.stores().consents().save(new Consent(zed, "billing", Set.of("read"), java.time.Instant.now()));
        }
        Run consents = cell("user", "consents", "list", "zed");
        assertThat(consents.out()).contains("billing").contains("read");
        for (Run r : List.of(created, rotated, userCreated, cell("user", "passwd", "zed", "--password", "zed-password-2"),
                cell("user", "consents", "revoke", "zed", "billing"), cell("keys", "rotate"), cell("client", "delete", "billing"),
                cell("user", "delete", "zed"))) {
            assertThat(r.code()).as(r.err()).isZero();
            err.append(r.err());
        }
        assertThat(err.toString()).as("audit lines go to logging.audit-file, not the console").doesNotContain("{\"time\"");
        err.append(Files.readString(dir.resolve("audit.log")));
        List<JsonNode> audit = new ArrayList<>();
        for (String line : err.toString().split("\n")) {
            for (String secret : secrets) {
                assertThat(line).doesNotContain(secret);
            }
            if (line.startsWith("{")) {
                audit.add(Json.MAPPER.readTree(line));
            }
        }
        assertThat(secrets.get(0)).hasSizeGreaterThanOrEqualTo(43);
        assertThat(audit).extracting(l -> l.get("event").asText()).containsExactly("client.created", "client.secret_rotated", "user.created",
                "user.password_changed", "consent.revoked", "keys.rotated", "client.deleted", "user.deleted");
        assertThat(audit.get(4).get("client").asText()).isEqualTo("billing");
        assertThat(cell("user", "consents", "list", "zed").err()).as("the user is gone").contains("no user 'zed'");
        assertThat(audit).allSatisfy(l -> {
            assertThat(l.get("actor").asText()).startsWith("cli:");
            assertThat(l.get("outcome").asText()).isEqualTo("success");
            assertThat(l.has("time")).isTrue();
        });
        assertThat(audit.get(0).get("client").asText()).isEqualTo("billing");
        assertThat(audit.get(2).get("username").asText()).isEqualTo("zed");
    }
}
