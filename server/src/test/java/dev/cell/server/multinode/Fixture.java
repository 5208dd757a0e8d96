package dev.cell.server.multinode;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cell.client.ClientAuthMethod;
import dev.cell.client.ClientMetadata;
import dev.cell.server.Browser;
import dev.cell.server.TestServer;
import dev.cell.server.admin.ClientAdmin;
import dev.cell.server.admin.UserAdmin;
import dev.cell.token.AccessTokenFormat;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The clients and user the multi-node tests register, and the calls they make with them on any node (a base URL):
 * {@code web} and {@code web-opaque} use the code flow with refresh tokens (JWT and opaque access tokens), {@code svc} and
 * {@code svc-opaque} use client_credentials, {@code rs} introspects.
 */
final class Fixture {
    static final String REDIRECT = "https://app.example/cb";
    static final String USER = "alice";
    static final String PASSWORD = "alice-password-1";
    /** The RFC 7636 Appendix B pair: this verifier and its S256 challenge. */
    private static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    private static final String CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
    private static final String SCOPE = "openid offline_access notes.read";

    private final Map<String, String> secrets = new HashMap<>();

    private Fixture() {}

    static Fixture register(ClientAdmin clients, UserAdmin users) {
        Fixture f = new Fixture();
        f.add(clients, web("web", AccessTokenFormat.JWT));
        f.add(clients, web("web-opaque", AccessTokenFormat.OPAQUE));
        f.add(clients, service("svc", AccessTokenFormat.JWT));
        f.add(clients, service("svc-opaque", AccessTokenFormat.OPAQUE));
        f.add(clients, service("rs", AccessTokenFormat.JWT));
        users.create(USER, PASSWORD, Map.of(), Set.of("ROLE_USER"));
        return f;
    }

    private static Spec web(String clientId, AccessTokenFormat format) {
        return new Spec(clientId, ClientMetadata.builder().clientName("Web " + clientId).tokenEndpointAuthMethod(ClientAuthMethod.CLIENT_SECRET_BASIC)
                .grantTypes(Set.of("authorization_code", "refresh_token")).redirectUris(List.of(REDIRECT))
                .scopes(Set.of("openid", "offline_access", "notes.read")).accessTokenFormat(format).build());
    }

    static Spec service(String clientId, AccessTokenFormat format) {
        return new Spec(clientId, ClientMetadata.builder().clientName("Service " + clientId)
                .tokenEndpointAuthMethod(ClientAuthMethod.CLIENT_SECRET_BASIC).grantTypes(Set.of("client_credentials"))
                .scopes(Set.of("notes.read")).accessTokenFormat(format).build());
    }

    /** A client to register: its id and metadata. */
    record Spec(String clientId, ClientMetadata metadata) {}

    private void add(ClientAdmin clients, Spec spec) {
        secrets.put(spec.clientId(), clients.create(spec.clientId(), spec.metadata()).secret());
    }

    String basic(String clientId) {
        return TestServer.basic(clientId, secrets.get(clientId));
    }

    HttpResponse<String> clientCredentials(String node, String clientId) {
        return Http.post(node + "/oauth/token", "grant_type=client_credentials", basic(clientId));
    }

    HttpResponse<String> redeem(String node, String clientId, String code) {
        return Http.post(node + "/oauth/token", "grant_type=authorization_code&code=" + enc(code) + "&redirect_uri=" + enc(REDIRECT)
                + "&code_verifier=" + VERIFIER, basic(clientId));
    }

    HttpResponse<String> refresh(String node, String clientId, String refreshToken) {
        return Http.post(node + "/oauth/token", "grant_type=refresh_token&refresh_token=" + enc(refreshToken), basic(clientId));
    }

    HttpResponse<String> revoke(String node, String clientId, String token) {
        return Http.post(node + "/oauth/revoke", "token=" + enc(token), basic(clientId));
    }

    /** Introspection (RFC 7662) by the resource server client on {@code node}. */
    boolean active(String node, String token) {
        HttpResponse<String> r = Http.post(node + "/oauth/introspect", "token=" + enc(token), basic("rs"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Http.json(r).get("active").asBoolean();
    }

    static String authorizePath(String clientId) {
        return "/oauth/authorize?response_type=code&client_id=" + clientId + "&redirect_uri=" + enc(REDIRECT) + "&scope=" + enc(SCOPE)
                + "&state=s1&nonce=n1&code_challenge=" + CHALLENGE + "&code_challenge_method=S256";
    }

    /** Authorizes on the browser's node, logging in and consenting when asked; returns the code. */
    static String code(Browser b, String clientId) {
        String location = Browser.location(b.get(authorizePath(clientId)));
        if (location.startsWith("/oauth/login")) {
            Map<String, String> form = new HashMap<>(Browser.hiddenFields(b.get(location).body()));
            form.put("username", USER);
            form.put("password", PASSWORD);
            location = Browser.location(b.post("/oauth/login", form));
        }
        if (location.startsWith("/oauth/confirm_access")) {
            Map<String, String> form = new HashMap<>(Browser.hiddenFields(b.get(location).body()));
            form.put("decision", "allow");
            location = Browser.location(b.post("/oauth/confirm_access", form));
        }
        return codeIn(location);
    }

    /** The code of a redirect to the client's callback. */
    static String codeIn(String location) {
        assertThat(location).startsWith(REDIRECT + "?code=");
        return Browser.query(location).get("code");
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
