package dev.cell.server.admin.api;

import static dev.cell.server.admin.api.AdminHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cell.server.MutableClock;
import dev.cell.server.TestServer;
import dev.cell.token.AccessTokenFormat;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The admin API's clients: register (generated id and secret, shown once), read, list and search with cursors, replace and
 * merge-patch under If-Match, delete, rotate the secret with a grace period; bad metadata refused with RFC 7591 §3.2.2 codes.
 */
class AdminClientsTest {
    static final MutableClock CLOCK = new MutableClock();
    static TestServer server;
    static AdminHttp api;
    static String admin;
    static String reader;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of("admin.enabled", "true"), CLOCK);
        api = new AdminHttp(server);
        admin = AdminHttp.token(server, "admin", AccessTokenFormat.JWT, List.of(), "cell:admin");
        reader = AdminHttp.token(server, "reader", AccessTokenFormat.OPAQUE, List.of(), "cell:admin.read");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static JsonNode create(String body) {
        HttpResponse<String> r = api.send("POST", "/clients", admin, body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return json(r);
    }

    static int token(String clientId, String secret) {
        return server.post("/oauth/token", "grant_type=client_credentials", "Authorization", TestServer.basic(clientId, secret)).statusCode();
    }

    static String etag(HttpResponse<String> r) {
        return r.headers().firstValue("ETag").orElseThrow();
    }

    @Test
    void aClientIsRegisteredWithAGeneratedIdAndASecretShownOnce() {
        HttpResponse<String> r = api.send("POST", "/clients", admin, """
                {"client_name":"Billing","grant_types":["client_credentials"],"scope":"invoices.read invoices.write",
                 "client_uri":"https://billing.example","contacts":["ops@billing.example"],"access_token_lifetime":300}""");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        JsonNode c = json(r);
        String id = c.get("client_id").asText();
        String secret = c.get("client_secret").asText();
        assertThat(id).matches("[A-Za-z0-9_-]{16,}");
        assertThat(secret.length()).as("at least 256 bits in base64url").isGreaterThanOrEqualTo(43);
        assertThat(r.headers().firstValue("Location")).hasValue(AdminApi.BASE + "/clients/" + id);
        assertThat(c.get("token_endpoint_auth_method").asText()).isEqualTo("client_secret_basic");
        assertThat(c.get("scope").asText()).isEqualTo("invoices.read invoices.write");
        assertThat(c.get("response_types")).isEmpty();
        assertThat(c.get("access_token_lifetime").asInt()).isEqualTo(300);
        assertThat(token(id, secret)).isEqualTo(200);

        HttpResponse<String> read = api.get("/clients/" + id, reader);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(json(read).has("client_secret")).isFalse();
        assertThat(read.body()).doesNotContain(secret);
        assertThat(etag(read)).isEqualTo(etag(r));
        assertThat(server.database.stores().clients().find(id).orElseThrow().secretHash()).isNotEqualTo(secret);
    }

    @Test
    void aChosenIdIsKeptAndATakenOneIsAConflict() {
        create("{\"client_id\":\"chosen-id\",\"client_name\":\"Chosen\",\"grant_types\":[\"client_credentials\"]}");
        HttpResponse<String> again = api.send("POST", "/clients", admin, "{\"client_id\":\"chosen-id\",\"grant_types\":[\"client_credentials\"]}");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(api.send("POST", "/clients", admin, "{\"client_id\":\"bad id!\",\"grant_types\":[\"client_credentials\"]}").statusCode())
                .isEqualTo(400);
    }

    @Test
    void badMetadataIsRefusedWithTheRfc7591CodeAndNothingIsStored() {
        int before = server.database.stores().clients().list().size();
        HttpResponse<String> http = api.send("POST", "/clients", admin, "{\"client_name\":\"Web\",\"redirect_uris\":[\"http://web.example/cb\"]}");
        assertThat(http.statusCode()).isEqualTo(400);
        assertThat(http.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json(http).get("error").asText()).isEqualTo("invalid_redirect_uri");
        assertThat(json(http).get("member").asText()).isEqualTo("redirect_uris");
        HttpResponse<String> grant = api.send("POST", "/clients", admin, "{\"grant_types\":[\"password\"]}");
        assertThat(json(grant).get("error").asText()).isEqualTo("invalid_client_metadata");
        assertThat(json(grant).get("detail").asText()).contains("not offered by this server");
        HttpResponse<String> type = api.send("POST", "/clients", admin, "{\"grant_types\":\"client_credentials\"}");
        assertThat(json(type).get("member").asText()).isEqualTo("grant_types");
        HttpResponse<String> unknown = api.send("POST", "/clients", admin, "{\"grant_types\":[\"client_credentials\"],\"is_admin\":true}");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(json(unknown).get("member").asText()).isEqualTo("is_admin");
        assertThat(server.database.stores().clients().list()).hasSize(before);
    }

    @Test
    void listsPageWithCursorsAndSearchByIdOrName() {
        for (String n : List.of("alpha", "beta", "gamma")) {
            create("{\"client_id\":\"list-" + n + "\",\"client_name\":\"Listed " + n.toUpperCase() + "\",\"grant_types\":[\"client_credentials\"]}");
        }
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            HttpResponse<String> page = api.get("/clients?q=listed&limit=2" + (cursor == null ? "" : "&cursor=" + cursor), reader);
            assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
            json(page).get("items").forEach(i -> ids.add(i.get("client_id").asText()));
            cursor = json(page).has("next_cursor") ? json(page).get("next_cursor").asText() : null;
        } while (cursor != null);
        assertThat(ids).containsExactly("list-alpha", "list-beta", "list-gamma");
        assertThat(json(api.get("/clients?q=LIST-BE", reader)).get("items")).hasSize(1);
        assertThat(api.get("/clients?q=listed&cursor=forged.x", reader).statusCode()).isEqualTo(400);
        assertThat(api.get("/clients?sort=name", reader).statusCode()).isEqualTo(400);
    }

    @Test
    void changesNeedTheCurrentEtagAndPatchIsAMergePatch() {
        JsonNode c = create("""
                {"client_id":"web","client_name":"Web","redirect_uris":["https://web.example/cb"],"scope":"openid",
                 "logo_uri":"https://web.example/logo.png","grant_types":["authorization_code","refresh_token"]}""");
        String tag = etag(api.get("/clients/web", reader));
        String patch = "{\"client_name\":\"Web app\",\"logo_uri\":null,\"redirect_uris\":[\"https://web.example/cb2\"]}";
        assertThat(api.send("PATCH", "/clients/web", admin, patch).statusCode()).isEqualTo(428);
        assertThat(api.send("PATCH", "/clients/web", admin, patch, "If-Match", "\"999\"").statusCode()).isEqualTo(412);
        HttpResponse<String> patched = api.send("PATCH", "/clients/web", admin, patch, "If-Match", tag,
                "Content-Type", "application/merge-patch+json");
        assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
        JsonNode p = json(patched);
        assertThat(p.get("client_name").asText()).isEqualTo("Web app");
        assertThat(p.has("logo_uri")).isFalse();
        assertThat(p.get("redirect_uris").get(0).asText()).isEqualTo("https://web.example/cb2");
        assertThat(p.get("scope").asText()).as("members left out stay").isEqualTo("openid");
        assertThat(p.has("client_secret")).isFalse();
        assertThat(etag(patched)).isNotEqualTo(tag);
        assertThat(api.send("PATCH", "/clients/web", admin, patch, "If-Match", tag).statusCode()).as("the old tag is stale").isEqualTo(412);

        HttpResponse<String> bad = api.send("PATCH", "/clients/web", admin, "{\"redirect_uris\":[\"https://web.example/*\"]}", "If-Match",
                etag(patched));
        assertThat(json(bad).get("error").asText()).isEqualTo("invalid_redirect_uri");
        assertThat(json(api.get("/clients/web", reader)).get("redirect_uris").get(0).asText()).isEqualTo("https://web.example/cb2");
        assertThat(c.get("client_id").asText()).isEqualTo("web");
    }

    @Test
    void putReplacesTheWholeMetadataAndTakesBackItsOwnRepresentation() {
        create("{\"client_id\":\"put-me\",\"client_name\":\"Put\",\"grant_types\":[\"client_credentials\"],\"scope\":\"a b\",\"first_party\":true}");
        HttpResponse<String> read = api.get("/clients/put-me", reader);
        JsonNode body = json(read);
        ((com.fasterxml.jackson.databind.node.ObjectNode) body).put("client_name", "Put again");
        HttpResponse<String> same = api.send("PUT", "/clients/put-me", admin, body.toString(), "If-Match", etag(read));
        assertThat(same.statusCode()).as(same.body()).isEqualTo(200);
        assertThat(json(same).get("client_name").asText()).isEqualTo("Put again");
        assertThat(json(same).get("first_party").asBoolean()).isTrue();

        HttpResponse<String> replaced = api.send("PUT", "/clients/put-me", admin, "{\"grant_types\":[\"client_credentials\"]}", "If-Match",
                etag(same));
        assertThat(replaced.statusCode()).isEqualTo(200);
        assertThat(json(replaced).has("client_name")).as("left out: back to its default").isFalse();
        assertThat(json(replaced).get("first_party").asBoolean()).isFalse();
        assertThat(api.send("PUT", "/clients/put-me", admin, "{\"client_id\":\"other\",\"grant_types\":[\"client_credentials\"]}", "If-Match",
                etag(replaced)).statusCode()).isEqualTo(400);
        assertThat(api.send("PUT", "/clients/nobody", admin, "{}", "If-Match", "\"1\"").statusCode()).isEqualTo(404);
    }

    @Test
    void aNewAuthMethodThatNeedsASecretGetsOneShownOnce() {
        JsonNode c = create("""
                {"client_id":"spa","token_endpoint_auth_method":"none","redirect_uris":["https://spa.example/cb"]}""");
        assertThat(c.has("client_secret")).isFalse();
        HttpResponse<String> r = api.send("PATCH", "/clients/spa", admin, "{\"token_endpoint_auth_method\":\"client_secret_post\"}",
                "If-Match", etag(api.get("/clients/spa", reader)));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(json(r).get("client_secret").asText()).hasSizeGreaterThanOrEqualTo(43);
    }

    @Test
    void aReadOnlyTokenCannotChangeAnythingAndNoTokenGetsNothing() {
        create("{\"client_id\":\"guarded\",\"grant_types\":[\"client_credentials\"]}");
        String tag = etag(api.get("/clients/guarded", reader));
        List<HttpResponse<String>> writes = List.of(
                api.send("POST", "/clients", reader, "{\"grant_types\":[\"client_credentials\"]}"),
                api.send("PUT", "/clients/guarded", reader, "{\"grant_types\":[\"client_credentials\"]}", "If-Match", tag),
                api.send("PATCH", "/clients/guarded", reader, "{\"client_name\":\"x\"}", "If-Match", tag),
                api.send("DELETE", "/clients/guarded", reader, null),
                api.send("POST", "/clients/guarded/secret", reader, null));
        for (HttpResponse<String> w : writes) {
            assertThat(w.statusCode()).as(w.body()).isEqualTo(403);
            assertThat(w.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("insufficient_scope");
        }
        assertThat(api.get("/clients/guarded", null).statusCode()).isEqualTo(401);
        assertThat(api.get("/clients", null).statusCode()).isEqualTo(401);
        assertThat(etag(api.get("/clients/guarded", reader))).isEqualTo(tag);
    }

    @Test
    void duringTheGracePeriodBothSecretsWorkAndAfterItOnlyTheNewOne() {
        String old = create("{\"client_id\":\"rotating\",\"grant_types\":[\"client_credentials\"]}").get("client_secret").asText();
        HttpResponse<String> r = api.send("POST", "/clients/rotating/secret", admin, "{\"grace_period\":60}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        String fresh = json(r).get("client_secret").asText();
        assertThat(fresh).isNotEqualTo(old);
        assertThat(json(r).get("previous_secret_expires_at").asText()).isNotEmpty();
        assertThat(token("rotating", old)).isEqualTo(200);
        assertThat(token("rotating", fresh)).isEqualTo(200);
        CLOCK.advance(Duration.ofSeconds(61));
        assertThat(token("rotating", old)).as("the grace period is over").isEqualTo(401);
        assertThat(token("rotating", fresh)).isEqualTo(200);

        HttpResponse<String> now = api.send("POST", "/clients/rotating/secret", admin, null);
        assertThat(now.statusCode()).isEqualTo(200);
        assertThat(json(now).has("previous_secret_expires_at")).isFalse();
        assertThat(token("rotating", fresh)).as("without a grace period the old secret stops at once").isEqualTo(401);
        assertThat(token("rotating", json(now).get("client_secret").asText())).isEqualTo(200);
        assertThat(api.send("POST", "/clients/rotating/secret", admin, "{\"grace_period\":99999999}").statusCode()).isEqualTo(400);
        assertThat(api.send("POST", "/clients/nobody/secret", admin, null).statusCode()).isEqualTo(404);
    }

    @Test
    void aClientWithoutASecretHasNoneToRotate() {
        create("{\"client_id\":\"public-app\",\"token_endpoint_auth_method\":\"none\",\"redirect_uris\":[\"https://p.example/cb\"]}");
        HttpResponse<String> r = api.send("POST", "/clients/public-app/secret", admin, null);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).get("detail").asText()).contains("has no secret");
    }

    @Test
    void aDeletedClientIsGoneAndItsSecretStopsWorking() {
        String secret = create("{\"client_id\":\"doomed\",\"grant_types\":[\"client_credentials\"]}").get("client_secret").asText();
        assertThat(token("doomed", secret)).isEqualTo(200);
        assertThat(api.send("DELETE", "/clients/doomed", admin, null).statusCode()).isEqualTo(204);
        assertThat(api.get("/clients/doomed", reader).statusCode()).isEqualTo(404);
        assertThat(token("doomed", secret)).isEqualTo(401);
        assertThat(api.send("DELETE", "/clients/doomed", admin, null).statusCode()).isEqualTo(404);
    }
}
