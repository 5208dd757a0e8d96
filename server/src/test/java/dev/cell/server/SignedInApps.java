package dev.cell.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.SignedJWT;
import dev.cell.client.ClientAuthMethod;
import dev.cell.client.ClientMetadata;
import dev.cell.server.admin.ClientAdmin;
import dev.cell.token.AccessTokenFormat;
import dev.cell.token.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.util.List;
import java.util.Set;

/**
 * Two relying parties ({@code web}: JWT access tokens, {@code web-opaque}: opaque ones; both with refresh tokens) and a
 * resource server ({@code rs}, introspects) on one or more nodes, and what the tests of ending sessions ask of a token:
 * whether refresh, introspection and UserInfo still accept it.
 */
public final class SignedInApps {
    public static final String REDIRECT = "https://app.example/cb";
    public static final String BYE = "https://app.example/bye";
    public static final String SCOPE = "openid offline_access profile";

    private final String webSecret;
    private final String opaqueSecret;
    private final String rsSecret;

    /** The tokens one browser session got: for {@code web} and for {@code web-opaque}. */
    public record Tokens(String access, String refresh, String idToken, String opaqueAccess, String opaqueRefresh) {
        /** The {@code sid} of the ID token (OIDC Back-Channel Logout 1.0 §2.1). */
        public String sid() {
            try {
                return SignedJWT.parse(idToken).getJWTClaimsSet().getStringClaim("sid");
            } catch (ParseException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Registers the clients on {@code server}'s database (shared by every node on it). */
    public SignedInApps(TestServer server) {
        this.webSecret = server.clients.create("web", web("web", AccessTokenFormat.JWT)).secret();
        this.opaqueSecret = server.clients.create("web-opaque", web("web-opaque", AccessTokenFormat.OPAQUE)).secret();
        ClientAdmin.Created rs = server.confidentialClient("rs", ClientAuthMethod.CLIENT_SECRET_BASIC, AccessTokenFormat.JWT, "profile");
        this.rsSecret = rs.secret();
    }

    private static ClientMetadata web(String id, AccessTokenFormat format) {
        return ClientMetadata.builder().clientName("App " + id).tokenEndpointAuthMethod(ClientAuthMethod.CLIENT_SECRET_BASIC)
                .grantTypes(Set.of("authorization_code", "refresh_token")).redirectUris(List.of(REDIRECT)).postLogoutRedirectUris(List.of(BYE))
                .scopes(Set.of("openid", "offline_access", "profile")).accessTokenFormat(format).build();
    }

    /** Signs the browser in as {@code user} (if it is not) and gets tokens for both apps through {@code node}. */
    public Tokens signIn(TestServer node, Browser b, String user, String password) {
        JsonNode jwt = exchange(node, "web", webSecret, code(b, "web", user, password));
        JsonNode opaque = exchange(node, "web-opaque", opaqueSecret, code(b, "web-opaque", user, password));
        return new Tokens(jwt.get("access_token").asText(), jwt.get("refresh_token").asText(), jwt.get("id_token").asText(),
                opaque.get("access_token").asText(), opaque.get("refresh_token").asText());
    }

    /** The authorization request (RFC 6749 §4.1.1) the apps make, with PKCE. */
    public static String authorizePath(String clientId) {
        try {
            return AuthorizationCodeFlowTest.authorizeUrl(clientId, REDIRECT, SCOPE, "");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs the code flow of {@code clientId} in the browser; returns the code, not yet redeemed. */
    public static String code(Browser b, String clientId, String user, String password) {
        try {
            String callback = AuthorizationCodeFlowTest.codeFor(b, authorizePath(clientId), user, password);
            assertThat(callback).startsWith(REDIRECT + "?code=");
            return Browser.query(callback).get("code");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The node's own address (not the issuer's, which several nodes share behind a load balancer). */
    public static String direct(TestServer node, String path) {
        return "http://127.0.0.1:" + node.assembly.port() + path;
    }

    private static HttpResponse<String> post(TestServer node, String path, String form, String authorization) {
        return node.send(HttpRequest.newBuilder(URI.create(direct(node, path))).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", authorization).POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    public HttpResponse<String> redeem(TestServer node, String clientId, String code) {
        return post(node, "/oauth/token", "grant_type=authorization_code&code=" + AuthorizationCodeFlowTest.enc(code) + "&redirect_uri="
                + AuthorizationCodeFlowTest.enc(REDIRECT) + "&code_verifier=" + AuthorizationCodeFlowTest.VERIFIER,
                TestServer.basic(clientId, secret(clientId)));
    }

    private JsonNode exchange(TestServer node, String clientId, String secret, String code) {
        HttpResponse<String> r = redeem(node, clientId, code);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json(r);
    }

    private String secret(String clientId) {
        return clientId.equals("web") ? webSecret : opaqueSecret;
    }

    /** RP-initiated logout with the ID token as hint, back to {@link #BYE} (OIDC RP-Initiated Logout 1.0 §2). */
    public static HttpResponse<String> logout(Browser b, Tokens t) {
        return b.get("/oauth/logout?id_token_hint=" + t.idToken() + "&post_logout_redirect_uri=" + AuthorizationCodeFlowTest.enc(BYE));
    }

    /** The refresh token grant (RFC 6749 §6) of the client. */
    public HttpResponse<String> refresh(TestServer node, String clientId, String refreshToken) {
        return post(node, "/oauth/token", "grant_type=refresh_token&refresh_token=" + AuthorizationCodeFlowTest.enc(refreshToken),
                TestServer.basic(clientId, secret(clientId)));
    }

    /** Introspection (RFC 7662) by the resource server. */
    public boolean active(TestServer node, String token) {
        HttpResponse<String> r = post(node, "/oauth/introspect", "token=" + AuthorizationCodeFlowTest.enc(token), TestServer.basic("rs", rsSecret));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json(r).get("active").asBoolean();
    }

    public static int userInfo(TestServer node, String accessToken) {
        return node.send(HttpRequest.newBuilder(URI.create(direct(node, "/userinfo"))).header("Authorization", "Bearer " + accessToken).GET()
                .build()).statusCode();
    }

    /** Every token of the session is refused at once: refresh, introspection, UserInfo; JWT and opaque alike. */
    public void assertEnded(TestServer node, Tokens t) {
        assertThat(active(node, t.access())).as("JWT access token inactive").isFalse();
        assertThat(active(node, t.opaqueAccess())).as("opaque access token inactive").isFalse();
        assertThat(active(node, t.refresh())).as("refresh token inactive").isFalse();
        assertThat(userInfo(node, t.access())).as("UserInfo refuses the JWT").isEqualTo(401);
        assertThat(userInfo(node, t.opaqueAccess())).as("UserInfo refuses the opaque token").isEqualTo(401);
        for (String[] r : List.of(new String[] {"web", t.refresh()}, new String[] {"web-opaque", t.opaqueRefresh()})) {
            HttpResponse<String> refreshed = refresh(node, r[0], r[1]);
            assertThat(refreshed.statusCode()).as(r[0] + ": " + refreshed.body()).isEqualTo(400);
            assertThat(json(refreshed).get("error").asText()).isEqualTo("invalid_grant");
        }
    }

    /** Every token of the session still works (without spending the refresh tokens). */
    public void assertAlive(TestServer node, Tokens t) {
        assertThat(active(node, t.access())).as("JWT access token active").isTrue();
        assertThat(active(node, t.opaqueAccess())).as("opaque access token active").isTrue();
        assertThat(active(node, t.refresh())).as("refresh token active").isTrue();
        assertThat(active(node, t.opaqueRefresh())).as("opaque client's refresh token active").isTrue();
        assertThat(userInfo(node, t.access())).as("UserInfo accepts the JWT").isEqualTo(200);
    }

    public static JsonNode json(HttpResponse<String> r) {
        try {
            return Json.MAPPER.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(r.body(), e);
        }
    }
}
