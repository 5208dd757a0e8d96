package dev.cell.server.admin.api;

import static dev.cell.server.admin.api.AdminHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cell.server.Browser;
import dev.cell.server.SignedInApps;
import dev.cell.server.TestServer;
import dev.cell.token.AccessTokenFormat;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Sessions that mean something (issue 22): signing out (RP-initiated, or ended by an admin), a password reset, disabling the
 * user and revoking a consent each end the grants they affect at once (refresh refused, introspection inactive, UserInfo
 * refused, for JWT and opaque access tokens alike) and leave the others alone.
 */
class SessionEndingTest {
    static final String PASSWORD = "correct horse battery";
    static TestServer server;
    static AdminHttp api;
    static String admin;
    static SignedInApps apps;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of("admin.enabled", "true"));
        api = new AdminHttp(server);
        admin = AdminHttp.token(server, "sessions-admin", AccessTokenFormat.JWT, List.of(), "cell:admin");
        apps = new SignedInApps(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String user(String name) {
        return server.users.create(name, PASSWORD, Map.of(), Set.of()).id();
    }

    static SignedInApps.Tokens signIn(Browser b, String name) {
        return apps.signIn(server, b, name, PASSWORD);
    }

    static Browser browser(String userAgent) {
        Browser b = new Browser(server.url(""));
        b.headers.put("User-Agent", userAgent);
        return b;
    }

    static Browser browser() {
        return browser("Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0");
    }

    @Test
    void rpInitiatedLogoutEndsTheSessionsGrantsAndNoOtherSessions() {
        user("rp-alice");
        Browser laptop = browser();
        Browser phone = browser("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36");
        SignedInApps.Tokens a = signIn(laptop, "rp-alice");
        SignedInApps.Tokens b = signIn(phone, "rp-alice");
        assertThat(a.sid()).as("sid in the ID token").isNotBlank().isNotEqualTo(b.sid());

        HttpResponse<String> out = SignedInApps.logout(laptop, a);
        assertThat(Browser.location(out)).isEqualTo(SignedInApps.BYE);

        apps.assertEnded(server, a);
        apps.assertAlive(server, b);
    }

    @Test
    void aCodeIssuedBeforeSignOutGetsNoTokensAfterIt() {
        user("rp-bob");
        Browser b = browser();
        SignedInApps.Tokens t = signIn(b, "rp-bob");
        String code = SignedInApps.code(b, "web", "rp-bob", PASSWORD);
        SignedInApps.logout(b, t);

        HttpResponse<String> late = apps.redeem(server, "web", code);
        assertThat(late.statusCode()).as(late.body()).isEqualTo(400);
        assertThat(SignedInApps.json(late).get("error").asText()).isEqualTo("invalid_grant");
    }

    @Test
    void refreshedTokensCarryTheSidAndEndWithTheSession() {
        user("rp-carol");
        Browser b = browser();
        SignedInApps.Tokens t = signIn(b, "rp-carol");
        JsonNode refreshed = SignedInApps.json(apps.refresh(server, "web", t.refresh()));
        SignedInApps.Tokens after = new SignedInApps.Tokens(refreshed.get("access_token").asText(), refreshed.get("refresh_token").asText(),
                refreshed.get("id_token").asText(), t.opaqueAccess(), t.opaqueRefresh());
        assertThat(after.sid()).as("the refreshed ID token names the same session").isEqualTo(t.sid());

        SignedInApps.logout(b, t);
        apps.assertEnded(server, after);
    }

    @Test
    void theAdminApiListsSessionsWithDeviceAddressAndClientsAndEndsOne() {
        String id = user("adm-dave");
        Browser laptop = browser();
        Browser other = browser();
        SignedInApps.Tokens a = signIn(laptop, "adm-dave");
        SignedInApps.Tokens b = signIn(other, "adm-dave");

        JsonNode sessions = json(api.get("/users/" + id + "/sessions", admin)).get("items");
        assertThat(sessions).hasSize(2);
        JsonNode first = sessions.findParents("sid").stream().filter(s -> s.get("sid").asText().equals(a.sid())).findFirst().orElseThrow();
        assertThat(first.get("device").asText()).isEqualTo("Firefox on Linux");
        assertThat(first.get("ip").asText()).isEqualTo("127.0.0.1");
        assertThat(first.get("clients").toString()).isEqualTo("[\"web\",\"web-opaque\"]");
        assertThat(first.get("last_seen_at").asText()).isNotBlank();

        HttpResponse<String> ended = api.send("DELETE", "/users/" + id + "/sessions/" + a.sid(), admin, null);
        assertThat(ended.statusCode()).as(ended.body()).isEqualTo(204);
        apps.assertEnded(server, a);
        apps.assertAlive(server, b);
        assertThat(json(api.get("/users/" + id + "/sessions", admin)).get("items")).hasSize(1);
    }

    @Test
    void aPasswordResetEndsEverySessionAndGrant() {
        String id = user("pw-erin");
        SignedInApps.Tokens a = signIn(browser(), "pw-erin");
        SignedInApps.Tokens b = signIn(browser(), "pw-erin");

        HttpResponse<String> r = api.send("PUT", "/users/" + id + "/password", admin, "{\"password\":\"another horse 2\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(204);

        apps.assertEnded(server, a);
        apps.assertEnded(server, b);
        assertThat(json(api.get("/users/" + id + "/sessions", admin)).get("items")).isEmpty();
    }

    @Test
    void disablingAUserEndsItsGrantsForGoodEvenWhenEnabledAgain() {
        String id = user("dis-frank");
        SignedInApps.Tokens t = signIn(browser(), "dis-frank");

        assertThat(api.send("POST", "/users/" + id + "/disable", admin, null).statusCode()).isEqualTo(200);
        assertThat(api.send("POST", "/users/" + id + "/enable", admin, null).statusCode()).isEqualTo(200);

        apps.assertEnded(server, t);
    }

    @Test
    void revokingAConsentEndsThatClientsGrantsOnly() {
        String id = user("con-grace");
        SignedInApps.Tokens t = signIn(browser(), "con-grace");

        HttpResponse<String> r = api.send("DELETE", "/users/" + id + "/consents/web", admin, null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(204);

        assertThat(apps.active(server, t.access())).isFalse();
        assertThat(SignedInApps.userInfo(server, t.access())).isEqualTo(401);
        assertThat(apps.refresh(server, "web", t.refresh()).statusCode()).isEqualTo(400);
        assertThat(apps.active(server, t.opaqueAccess())).as("the other client's grant stays").isTrue();
        assertThat(apps.refresh(server, "web-opaque", t.opaqueRefresh()).statusCode()).isEqualTo(200);
    }
}
