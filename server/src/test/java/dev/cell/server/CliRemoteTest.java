package dev.cell.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cell.account.PasswordHasher;
import dev.cell.client.ClientAuthMethod;
import dev.cell.consent.Consent;
import dev.cell.keys.MasterKey;
import dev.cell.session.LoginSession;
import dev.cell.token.AccessTokenFormat;
import dev.cell.token.StoredToken;
import dev.cell.token.TokenKind;
import dev.cell.token.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every management command against a running server through its admin API gives what it gives on the database itself: the
 * CLI and the server share one database here, so each command runs both ways and the answers are compared.
 */
class CliRemoteTest {
    @TempDir
    Path dir;
    TestServer server;
    Path config;
    String secret;

    @BeforeEach
    void start() throws IOException {
        String master = MasterKey.generate(new SecureRandom());
        String db = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        server = TestServer.start(Map.of("admin.enabled", "true", "database.url", db, "keys.master-key", master));
        config = dir.resolve("cell.yaml");
        Files.writeString(config, "database:\n  url: \"" + db + "\"\nkeys:\n  master-key: \"" + master + "\"\nlogging:\n  format: text\n"
                + "  audit-file: \"" + dir.resolve("audit.log") + "\"\n");
        secret = server.confidentialClient("ops", ClientAuthMethod.CLIENT_SECRET_BASIC, AccessTokenFormat.JWT, "cell:admin").secret();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private CliRunner.Run local(String... args) {
        return CliRunner.run(config, "", args);
    }

    private CliRunner.Run remote(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--server", server.url(""), "--client-id", "ops", "--client-secret", secret));
        return CliRunner.run(config, "", all.toArray(String[]::new));
    }

    private static CliRunner.Run ok(CliRunner.Run r) {
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).doesNotContain("\tat ");
        return r;
    }

    private static JsonNode json(CliRunner.Run r) {
        try {
            return Json.MAPPER.readTree(ok(r).out());
        } catch (IOException e) {
            throw new UncheckedIOException(r.out(), e);
        }
    }

    /** The command's JSON output, the same both ways. */
    private JsonNode same(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("-o", "json"));
        JsonNode there = json(remote(all.toArray(String[]::new)));
        JsonNode here = json(local(all.toArray(String[]::new)));
        assertThat(here).as(String.join(" ", args)).isEqualTo(there);
        return there;
    }

    @Test
    void userCommandsGiveTheSameResultsRemotelyAndLocally() {
        JsonNode alice = json(remote("user", "create", "alice", "--password", "correct horse battery", "--email", "alice@example.com",
                "--authority", "ROLE_ADMIN", "-o", "json"));
        assertThat(alice.get("username").asText()).isEqualTo("alice");
        assertThat(alice.at("/claims/email").asText()).isEqualTo("alice@example.com");
        ok(local("user", "create", "bob", "--password", "correct horse battery", "--name", "Bob"));

        assertThat(same("user", "show", "alice")).isEqualTo(alice);
        assertThat(same("user", "show", alice.get("id").asText()).get("username").asText()).as("by sub").isEqualTo("alice");
        assertThat(same("user", "list")).extracting(u -> u.get("username").asText()).containsExactly("alice", "bob");
        assertThat(same("user", "list", "-q", "BO")).extracting(u -> u.get("username").asText()).containsExactly("bob");
        assertThat(ok(remote("user", "list")).out()).isEqualTo(ok(local("user", "list")).out()).contains("USERNAME").contains("alice@example.com");
        assertThat(ok(remote("user", "show", "bob")).out()).isEqualTo(ok(local("user", "show", "bob")).out()).contains("claims.name:");

        assertThat(ok(remote("user", "update", "alice", "--claim", "given_name=Alice", "--claim", "address.locality=Oxford")).out())
                .contains("updated user alice");
        assertThat(same("user", "show", "alice").get("claims"))
                .isEqualTo(Json.MAPPER.valueToTree(Map.of("email", "alice@example.com", "email_verified", false, "given_name", "Alice",
                        "address", Map.of("locality", "Oxford"))));
        ok(local("user", "update", "alice", "--clear", "address.locality", "--claim", "email_verified=true"));
        assertThat(same("user", "show", "alice").get("claims").has("address")).isFalse();
        ok(remote("user", "update", "alice", "--clear", "given_name"));
        assertThat(same("user", "show", "alice").get("claims").has("given_name")).isFalse();
        assertThat(ok(remote("user", "update", "alice", "--authority", "ROLE_B", "--authority", "ROLE_A")).out()).contains("authorities");
        assertThat(same("user", "show", "alice").get("authorities")).extracting(JsonNode::asText).containsExactly("ROLE_A", "ROLE_B");
        ok(local("user", "update", "alice", "--authority", "", "--claim", "nickname=Al"));
        assertThat(same("user", "show", "alice").get("authorities")).isEmpty();
        assertThat(remote("user", "update", "alice", "--authority", "x".repeat(129)).code()).isEqualTo(1);

        assertThat(json(remote("user", "disable", "alice", "-o", "json")).get("disabled").asBoolean()).isTrue();
        assertThat(same("user", "list", "--disabled")).extracting(u -> u.get("username").asText()).containsExactly("alice");
        assertThat(same("user", "list", "--enabled")).extracting(u -> u.get("username").asText()).containsExactly("bob");
        assertThat(ok(local("user", "enable", "alice")).out()).contains("enabled user alice");
        assertThat(same("user", "show", "alice").get("disabled").asBoolean()).isFalse();

        ok(remote("user", "passwd", "alice", "--password", "a brand new password"));
        String hash = server.database.stores().users().findByUsername("alice").orElseThrow().passwordHash();
        assertThat(new PasswordHasher().verify("a brand new password", hash)).isTrue();

        ok(remote("user", "delete", "bob"));
        assertThat(server.database.stores().users().findByUsername("bob")).isEmpty();
        assertThat(remote("user", "show", "bob").code()).isEqualTo(2);
        assertThat(local("user", "delete", "bob").code()).isEqualTo(2);
    }

    @Test
    void sessionsGrantsAndConsentsRemotelyAndLocally() {
        String id = json(local("user", "create", "carol", "--password", "correct horse battery", "-o", "json")).get("id").asText();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        for (String s : List.of("session-a", "session-b")) {
            server.database.stores().loginSessions().save(new LoginSession(s, id, now, List.of("pwd"), now, now, now.plusSeconds(600)));
        }
        server.database.stores().consents().save(new Consent(id, "billing", Set.of("invoices.read", "openid"), now));

        assertThat(same("user", "sessions", "list", "carol")).extracting(s -> s.get("id").asText()).containsExactly("session-a", "session-b");
        assertThat(ok(remote("user", "sessions", "list", "carol")).out()).isEqualTo(ok(local("user", "sessions", "list", "carol")).out());
        assertThat(ok(remote("user", "sessions", "end", "carol", "session-a")).out()).contains("ended session session-a");
        ok(local("user", "sessions", "end", "carol", "session-b"));
        assertThat(same("user", "sessions", "list", "carol")).isEmpty();
        CliRunner.Run gone = remote("user", "sessions", "end", "carol", "session-a");
        assertThat(gone.code()).isEqualTo(2);
        assertThat(gone.err()).contains("no session 'session-a'");
        assertThat(local("user", "sessions", "end", "carol", "session-a").err()).isEqualTo(gone.err());

        for (String grant : List.of("grant-1", "grant-2")) {
            server.database.stores().tokens().save(new StoredToken("rt-" + grant, TokenKind.REFRESH, grant, "web", id, Set.of("openid"),
                    List.of("web"), Map.of(), now, now.plusSeconds(3600), now.plusSeconds(7200), null, null));
        }
        assertThat(same("user", "grants", "list", "carol")).extracting(g -> g.get("id").asText()).containsExactly("grant-1", "grant-2");
        assertThat(ok(remote("user", "grants", "list", "carol")).out()).isEqualTo(ok(local("user", "grants", "list", "carol")).out())
                .contains("CLIENT_ID");
        ok(remote("user", "grants", "revoke", "carol", "grant-1"));
        ok(local("user", "grants", "revoke", "carol", "grant-2"));
        assertThat(server.database.stores().revokedTokens().anyRevoked(List.of("grant-1", "grant-2"))).isTrue();
        assertThat(same("user", "grants", "list", "carol")).isEmpty();
        CliRunner.Run unknown = remote("user", "grants", "revoke", "carol", "grant-9");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).isEqualTo(local("user", "grants", "revoke", "carol", "grant-9").err()).contains("no grant 'grant-9'");

        assertThat(same("user", "consents", "list", "carol")).singleElement()
                .satisfies(c -> assertThat(c.get("scope").asText()).contains("invoices.read"));
        ok(remote("user", "consents", "revoke", "carol", "billing"));
        assertThat(same("user", "consents", "list", "carol")).isEmpty();
        assertThat(remote("user", "consents", "revoke", "carol", "billing").code()).isEqualTo(2);
    }

    @Test
    void keysAndTheAuditTrailRemotelyAndLocally() {
        JsonNode rotated = json(remote("keys", "rotate", "-o", "json"));
        assertThat(rotated.get("created")).extracting(k -> k.get("alg").asText()).containsExactlyInAnyOrder("RS256", "ES256");
        JsonNode keys = same("keys", "list");
        assertThat(keys).extracting(k -> k.get("state").asText()).contains("active", "retired");
        assertThat(keys.toString()).doesNotContain("\"d\"");        // public parts only
        assertThat(ok(remote("keys", "list")).out()).isEqualTo(ok(local("keys", "list")).out()).contains("KID");
        assertThat(ok(local("keys", "rotate")).out()).contains("new active key");
        assertThat(remote("keys", "rotate", "--demo").code()).isEqualTo(1);
        CliRunner.Run master = remote("keys", "rotate-master", "--new-master-key-file", dir.resolve("new.key").toString());
        assertThat(master.code()).isEqualTo(1);
        assertThat(master.err()).contains("database only");

        ok(remote("user", "create", "dave", "--password", "correct horse battery"));
        ok(remote("user", "update", "dave", "--claim", "nickname=D"));
        JsonNode events = same("audit", "query", "--user", "dave");
        assertThat(events).extracting(e -> e.get("event").asText()).containsExactly("user.updated", "user.created");
        assertThat(events).allSatisfy(e -> assertThat(e.get("actor").asText()).isEqualTo("client:ops"));
        assertThat(same("audit", "query", "--event", "keys.rotated", "--from", "1h")).extracting(e -> e.get("actor").asText())
                .containsExactly("cli:" + System.getProperty("user.name"), "client:ops");
        assertThat(same("audit", "query", "--client", "ops", "--event", "token.issued", "--limit", "1")).hasSize(1);
        assertThat(same("audit", "query", "--to", "2000-01-01T00:00:00Z")).isEmpty();
        assertThat(ok(remote("audit", "query", "--user", "dave")).out()).contains("user.created").contains("client:ops");
        assertThat(local("audit", "query", "--from", "yesterday").code()).isEqualTo(1);

        ok(local("user", "create", "gina", "--password", "correct horse battery"));
        ok(local("user", "disable", "gina"));
        JsonNode local = same("audit", "query", "--user", "gina");
        assertThat(local).as("commands on the database keep their events in the database too")
                .extracting(e -> e.get("event").asText()).containsExactly("user.disabled", "user.created");
        assertThat(local).allSatisfy(e -> assertThat(e.get("actor").asText()).startsWith("cli:"));
    }

    @Test
    void clientCommandsRemotelyAndLocally() {
        JsonNode web = json(remote("client", "create", "--id", "web", "--name", "Web", "--grant", "authorization_code", "--redirect-uri",
                "https://app.example/cb", "--scope", "openid", "-o", "json"));
        assertThat(web.get("client_secret").asText()).hasSizeGreaterThanOrEqualTo(43);
        assertThat(web.get("client_id").asText()).isEqualTo("web");
        String batchSecret = json(local("client", "create", "--id", "batch", "--name", "Batch", "--scope", "jobs", "-o", "json"))
                .get("client_secret").asText();

        JsonNode shown = same("client", "show", "web");
        assertThat(shown.has("client_secret")).isFalse();
        assertThat(shown.get("redirect_uris")).extracting(JsonNode::asText).containsExactly("https://app.example/cb");
        assertThat(same("client", "list")).extracting(c -> c.get("client_id").asText()).contains("web", "batch", "ops");
        assertThat(ok(remote("client", "list")).out()).isEqualTo(ok(local("client", "list")).out()).contains("CLIENT_ID");
        assertThat(ok(remote("client", "show", "web")).out()).isEqualTo(ok(local("client", "show", "web")).out()).contains("pkce:");

        ok(remote("client", "update", "web", "--name", "Web app", "--logo-uri", "https://app.example/logo.png", "--pkce", "optional"));
        JsonNode changed = same("client", "show", "web");
        assertThat(changed.get("client_name").asText()).isEqualTo("Web app");
        assertThat(changed.get("logo_uri").asText()).isEqualTo("https://app.example/logo.png");
        assertThat(changed.get("pkce_required").asBoolean()).isFalse();
        ok(local("client", "update", "web", "--metadata", "{\"contacts\":[\"ops@example.com\"]}"));
        assertThat(same("client", "show", "web").get("contacts")).extracting(JsonNode::asText).containsExactly("ops@example.com");

        CliRunner.Run open = remote("client", "update", "web", "--redirect-uri", "http://app.example/cb");
        assertThat(open.code()).as(open.err()).isEqualTo(1);
        assertThat(open.err()).contains("http://app.example/cb").doesNotContain("\tat ");
        assertThat(same("client", "show", "web").get("redirect_uris")).extracting(JsonNode::asText).containsExactly("https://app.example/cb");
        assertThat(local("client", "update", "web", "--redirect-uri", "http://app.example/cb").code()).isEqualTo(1);

        JsonNode rotated = json(remote("client", "rotate-secret", "batch", "--grace-period", "1h", "-o", "json"));
        String newSecret = rotated.get("client_secret").asText();
        assertThat(rotated.get("previous_secret_expires_at").isTextual()).isTrue();
        for (String s : List.of(batchSecret, newSecret)) {
            assertThat(server.post("/oauth/token", "grant_type=client_credentials", "Authorization", TestServer.basic("batch", s)).statusCode())
                    .as("both secrets work during the grace period").isEqualTo(200);
        }
        assertThat(ok(local("client", "rotate-secret", "batch")).out()).contains("client_secret:");

        CliRunner.Run nobody = remote("client", "show", "nobody");
        assertThat(nobody.code()).isEqualTo(2);
        assertThat(nobody.err()).isEqualTo(local("client", "show", "nobody").err()).isEqualTo("error: no client 'nobody'\n");
        assertThat(remote("client", "create", "--name", "Sealed", "--auth-method", "client_secret_jwt", "--demo").code()).isEqualTo(1);
        assertThat(remote("client", "create", "--id", "web", "--name", "Again").code()).as("taken").isEqualTo(2);
        ok(remote("client", "delete", "batch"));
        assertThat(local("client", "show", "batch").code()).isEqualTo(2);
        assertThat(remote("client", "delete", "batch").code()).isEqualTo(2);
    }

    @Test
    void registrationTokensRemotelyAndLocally() {
        JsonNode there = json(remote("client", "registration-token", "create", "--uses", "3", "--scope", "openid", "-o", "json"));
        assertThat(there.get("token").asText()).hasSizeGreaterThanOrEqualTo(43);
        assertThat(there.get("uses_left").asInt()).isEqualTo(3);
        assertThat(there.get("scope").asText()).isEqualTo("openid");
        assertThat(there.get("created_by").asText()).isEqualTo("client:ops");
        JsonNode here = json(local("client", "registration-token", "create", "--multiple", "--expires-in", "1h", "-o", "json"));
        assertThat(here.get("multiple_use").asBoolean()).isTrue();

        JsonNode list = same("client", "registration-token", "list");
        assertThat(list).extracting(t -> t.get("id").asText()).containsExactlyInAnyOrder(there.get("id").asText(), here.get("id").asText());
        assertThat(list.toString()).doesNotContain(there.get("token").asText()).doesNotContain(here.get("token").asText());
        assertThat(ok(remote("client", "registration-token", "list")).out()).isEqualTo(ok(local("client", "registration-token", "list")).out())
                .contains("multiple").contains("3 left");
        assertThat(ok(remote("client", "registration-token", "create")).out()).contains("token:").contains("uses:        1 left");

        ok(remote("client", "registration-token", "revoke", here.get("id").asText()));
        CliRunner.Run again = remote("client", "registration-token", "revoke", here.get("id").asText());
        assertThat(again.code()).isEqualTo(2);
        assertThat(again.err()).isEqualTo(local("client", "registration-token", "revoke", here.get("id").asText()).err());
        assertThat(remote("client", "registration-token", "create", "--uses", "0").code()).isEqualTo(1);
    }

    @Test
    void refusalsExitByKindWithTheServersWords() throws IOException {
        CliRunner.Run unknown = remote("user", "show", "nobody");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).isEqualTo("error: no user 'nobody'\n");
        assertThat(local("user", "show", "nobody").err()).isEqualTo(unknown.err());
        assertThat(local("user", "show", "nobody").code()).isEqualTo(2);

        ok(local("user", "create", "erin", "--password", "correct horse battery"));
        CliRunner.Run bad = remote("user", "update", "erin", "--claim", "email=nope");
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.err()).contains("claim email must be an email address").doesNotContain("\tat ");
        assertThat(remote("user", "create", "erin", "--password", "correct horse battery").code()).as("taken").isEqualTo(2);
        assertThat(remote("user", "create", "frank", "--password", "short").err()).contains("at least 8");

        CliRunner.Run wrong = CliRunner.run(config, "", "user", "list", "--server", server.url(""), "--client-id", "ops", "--client-secret", "wrong");
        assertThat(wrong.code()).isEqualTo(3);
        assertThat(wrong.err()).startsWith("error: the token endpoint").contains("invalid_client").doesNotContain("wrong").doesNotContain("\tat ");

        String readOnly = server.confidentialClient("auditor", ClientAuthMethod.CLIENT_SECRET_BASIC, AccessTokenFormat.JWT, "cell:admin.read").secret();
        List<String> asAuditor = List.of("--server", server.url(""), "--client-id", "auditor", "--client-secret", readOnly);
        CliRunner.Run read = CliRunner.run(config, "", concat(List.of("user", "list", "-o", "json"), asAuditor));
        assertThat(read.code()).as(read.err()).isZero();
        CliRunner.Run write = CliRunner.run(config, "", concat(List.of("user", "disable", "erin"), asAuditor));
        assertThat(write.code()).isEqualTo(3);
        assertThat(write.err()).contains("HTTP 403").contains("cell:admin");

        String token = server.post("/oauth/token", "grant_type=client_credentials&scope=cell:admin", "Authorization",
                TestServer.basic("ops", secret)).body().replaceAll(".*\"access_token\":\"([^\"]+)\".*", "$1");
        CliRunner.Run withToken = CliRunner.run(config, "", "user", "show", "erin", "-o", "json", "--server", server.url("/admin/api/v1/"),
                "--token", token);
        assertThat(json(withToken).get("username").asText()).isEqualTo("erin");
        CliRunner.Run badToken = CliRunner.run(config, "", "user", "show", "erin", "--server", server.url(""), "--token", "forged");
        assertThat(badToken.code()).isEqualTo(3);
        assertThat(badToken.err()).contains("HTTP 401");

        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        CliRunner.Run down = CliRunner.run(config, "", "user", "list", "--server", "http://127.0.0.1:" + closed, "--token", token);
        assertThat(down.code()).isEqualTo(3);
        assertThat(down.err()).startsWith("error: cannot reach http://127.0.0.1:" + closed);

        CliRunner.Run clear = CliRunner.run(config, "", "user", "list", "--server", "http://id.example.com", "--token", token);
        assertThat(clear.code()).isEqualTo(1);
        assertThat(clear.err()).contains("must use https");
        assertThat(CliRunner.run(config, "", "user", "list", "--token", token).code()).as("a token without a server").isEqualTo(1);
        assertThat(CliRunner.run(config, "", "user", "list", "--server", server.url("")).err()).contains("needs credentials");
        assertThat(CliRunner.run(config, "", "user", "list", "-o", "yaml").code()).isEqualTo(1);
    }

    @Test
    void aServerWithoutTheAdminApiIsNamedAsSuch() {
        try (TestServer plain = TestServer.start()) {
            CliRunner.Run r = CliRunner.run(config, "", "user", "list", "--server", plain.url(""), "--token", "anything");
            assertThat(r.code()).as(r.err()).isEqualTo(3);
            assertThat(r.err()).contains("no admin API at").contains("admin.enabled");
        }
    }

    @Test
    void anAdminApiOnItsOwnPortNeedsTheTokenEndpointNamed() {
        try (TestServer separate = TestServer.start(Map.of("admin.enabled", "true", "admin.port", "0"))) {
            String ops = separate.confidentialClient("ops", ClientAuthMethod.CLIENT_SECRET_BASIC, AccessTokenFormat.JWT, "cell:admin").secret();
            separate.users.create("hank", "correct horse battery", Map.of(), Set.of());
            String admin = "http://127.0.0.1:" + separate.assembly.adminPort();
            CliRunner.Run undiscovered = CliRunner.run(config, "", "user", "list", "--server", admin, "--client-id", "ops", "--client-secret", ops);
            assertThat(undiscovered.code()).isEqualTo(3);
            assertThat(undiscovered.err()).contains("--token-endpoint");
            CliRunner.Run named = CliRunner.run(config, "", "user", "list", "-o", "json", "--server", admin, "--token-endpoint",
                    separate.url("/oauth/token"), "--client-id", "ops", "--client-secret", ops);
            assertThat(json(named)).extracting(u -> u.get("username").asText()).containsExactly("hank");
        }
    }

    private static String[] concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all.toArray(String[]::new);
    }
}
