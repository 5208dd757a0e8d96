package dev.cell.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cell.client.ClientAuthMethod;
import dev.cell.client.ClientMetadata;
import dev.cell.token.AccessTokenFormat;
import dev.cell.token.Json;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Response modes (OAuth 2.0 Multiple Response Type Encoding Practices, OAuth 2.0 Form Post Response Mode): query, fragment
 * and form_post for code and implicit, every error in the request's mode, query never carrying tokens.
 */
class ResponseModeTest {
    private static final String WEB = "https://app.example/cb";
    private static final String OLD = "https://old.example/cb";
    /** A state that breaks out of an attribute or a tag if the page forgot to escape it. */
    private static final String NASTY_STATE = "a\"><script>alert(1)</script>&'b";
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of("features.implicit.enabled", "true"));
        server.clients.create("web", ClientMetadata.builder().clientName("Web").tokenEndpointAuthMethod(ClientAuthMethod.NONE)
                .grantTypes(Set.of("authorization_code")).redirectUris(List.of(WEB)).scopes(Set.of("openid")).firstParty(true)
                .build());
        server.clients.create("old-spa", ClientMetadata.builder().clientName("Old SPA")
                .tokenEndpointAuthMethod(ClientAuthMethod.NONE).grantTypes(Set.of("implicit")).redirectUris(List.of(OLD))
                .scopes(Set.of("openid", "read")).build());
        server.users.create("jo", "jo-password-1", Map.of(), Set.of());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String implicitUrl(String responseType, String extra) {
        return "/oauth/authorize?response_type=" + AuthorizationCodeFlowTest.enc(responseType) + "&client_id=old-spa&redirect_uri="
                + AuthorizationCodeFlowTest.enc(OLD) + "&scope=" + AuthorizationCodeFlowTest.enc("openid read") + "&state=s9&nonce=n9" + extra;
    }

    private static Browser signedIn() throws Exception {
        Browser b = new Browser(server.url(""));
        String login = Browser.location(b.get(AuthorizationCodeFlowTest.authorizeUrl("web", WEB, "openid", "")));
        Browser.location(AuthorizationCodeFlowTest.login(b, login, "jo", "jo-password-1"));
        return b;
    }

    /** The fragment's parameters, after checking the answer went to {@code redirect} in the fragment and not the query. */
    private static Map<String, String> fragment(HttpResponse<String> r, String redirect) {
        String location = Browser.location(r);
        assertThat(location).startsWith(redirect + "#");
        return Browser.query("https://x/?" + URI.create(location).getRawFragment());
    }

    /** The form_post page's action and fields, after checking the page is the form_post page. */
    private static Map<String, String> form(HttpResponse<String> r, String redirect) {
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        Matcher action = Pattern.compile("<form id=\"form-post\" method=\"post\" action=\"([^\"]*)\">").matcher(r.body());
        assertThat(action.find()).as(r.body()).isTrue();
        assertThat(action.group(1)).isEqualTo(redirect);
        return Browser.hiddenFields(r.body());
    }

    @Test
    void aCodeByFormPostIsAnAutoSubmittingFormWithEscapedFieldsAndAStrictPolicy() throws Exception {
        Browser b = signedIn();
        HttpResponse<String> r = b.get(AuthorizationCodeFlowTest.authorizeUrl("web", WEB, "openid", "&response_mode=form_post")
                .replace("state=st%20123", "state=" + AuthorizationCodeFlowTest.enc(NASTY_STATE)));
        Map<String, String> fields = form(r, WEB);
        assertThat(fields).containsOnlyKeys("code", "state", "iss").containsEntry("state", NASTY_STATE)
                .containsEntry("iss", server.config.issuer().toString());
        assertThat(r.body()).doesNotContain("<script>alert").contains("<script src=\"/static/form_post.js\"></script>")
                .contains("<noscript>").contains("<button type=\"submit\"");
        String csp = r.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(csp).contains("script-src 'self'").contains("form-action https://app.example").contains("frame-ancestors 'none'")
                .doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
        assertThat(r.headers().allValues("Content-Security-Policy")).hasSize(1);
        assertThat(r.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(r.headers().firstValue("X-Frame-Options")).contains("DENY");
        HttpResponse<String> exchanged = server.post("/oauth/token", "grant_type=authorization_code&client_id=web&code="
                + AuthorizationCodeFlowTest.enc(fields.get("code")) + "&redirect_uri=" + AuthorizationCodeFlowTest.enc(WEB) + "&code_verifier="
                + AuthorizationCodeFlowTest.VERIFIER);
        JsonNode tokens = Json.MAPPER.readTree(exchanged.body());
        assertThat(tokens.has("access_token")).as(tokens.toString()).isTrue();

        HttpResponse<String> script = server.get("/static/form_post.js");
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/javascript");
        assertThat(script.body()).contains("document.getElementById(\"form-post\").submit()");
    }

    @Test
    void implicitTokensByFormPost() throws Exception {
        Browser b = signedIn();
        String consent = Browser.location(b.get(implicitUrl("id_token token", "&response_mode=form_post&prompt=consent")));
        HttpResponse<String> page = b.get(consent);
        Map<String, String> decision = new HashMap<>(Browser.hiddenFields(page.body()));
        decision.put("decision", "allow");
        Map<String, String> fields = form(b.post("/oauth/confirm_access", decision), OLD);
        assertThat(fields).containsKeys("access_token", "id_token", "expires_in").containsEntry("token_type", "Bearer")
                .containsEntry("state", "s9").doesNotContainKey("code");
    }

    @Test
    void errorsGoByFormPostWhenAskedOnceTheRedirectUriIsProven() throws Exception {
        HttpResponse<String> silent = new Browser(server.url("")).get(AuthorizationCodeFlowTest.authorizeUrl("web", WEB, "openid",
                "&response_mode=form_post&prompt=none"));
        assertThat(form(silent, WEB)).containsEntry("error", "login_required").containsEntry("state", "st 123").containsKey("iss");
        HttpResponse<String> invalid = new Browser(server.url("")).get(implicitUrl("token", "&response_mode=form_post&request=e30"));
        assertThat(form(invalid, OLD)).containsEntry("error", "invalid_request_object").containsEntry("state", "s9");
        HttpResponse<String> unproven = new Browser(server.url("")).get(AuthorizationCodeFlowTest.authorizeUrl("web", "https://evil.example/cb",
                "openid", "&response_mode=form_post"));
        assertThat(unproven.statusCode()).as("an unproven redirect URI gets the error page, never a form").isEqualTo(400);
        assertThat(unproven.body()).doesNotContain("form-post").doesNotContain("evil.example");
    }

    @Test
    void queryAndFragmentMayBeAskedForButQueryNeverCarriesTokens() throws Exception {
        Browser b = signedIn();
        assertThat(Browser.query(Browser.location(b.get(AuthorizationCodeFlowTest.authorizeUrl("web", WEB, "openid", "&response_mode=query")))))
                .containsKey("code");
        assertThat(fragment(b.get(AuthorizationCodeFlowTest.authorizeUrl("web", WEB, "openid", "&response_mode=fragment")), WEB))
                .containsKey("code").containsEntry("state", "st 123");
        Map<String, String> refused = fragment(new Browser(server.url("")).get(implicitUrl("token", "&response_mode=query")), OLD);
        assertThat(refused).containsEntry("error", "invalid_request").containsEntry("state", "s9");
        Map<String, String> unknown = Browser.query(Browser.location(new Browser(server.url("")).get(
                AuthorizationCodeFlowTest.authorizeUrl("web", WEB, "openid", "&response_mode=form_post.jwt"))));
        assertThat(unknown).containsEntry("error", "invalid_request").containsEntry("state", "st 123");
    }

    /** Every error of an implicit request goes to the fragment (RFC 6749 §4.2.2.1, OIDC Core §3.2.2.6). */
    @Test
    void everyImplicitErrorLandsInTheFragment() throws Exception {
        for (String extra : List.of("&request=e30", "&request_uri=https%3A%2F%2Fold.example%2Fr", "&registration=%7B%7D", "&prompt=bogus",
                "&scope=admin", "&max_age=x", "&response_mode=web_message", "&nonce=" + "n".repeat(600))) {
            String url = implicitUrl("id_token token", "").replaceAll(extra.substring(0, extra.indexOf('=') + 1) + "[^&]*", "") + extra;
            Map<String, String> f = fragment(new Browser(server.url("")).get(url), OLD);
            assertThat(f).as(extra).containsKey("error").containsKey("iss");
        }
        assertThat(fragment(new Browser(server.url("")).get(implicitUrl("token", "&prompt=none")), OLD)).containsEntry("error", "login_required");
        Browser b = signedIn();
        HttpResponse<String> page = b.get(Browser.location(b.get(implicitUrl("token", "&prompt=consent"))));
        Map<String, String> decision = new HashMap<>(Browser.hiddenFields(page.body()));
        decision.put("decision", "deny");
        assertThat(fragment(b.post("/oauth/confirm_access", decision), OLD)).containsEntry("error", "access_denied").containsEntry("state", "s9");
    }

    @Test
    void discoveryListsQueryFragmentAndFormPost() throws Exception {
        JsonNode d = Json.MAPPER.readTree(server.get("/.well-known/openid-configuration").body());
        assertThat(d.get("response_modes_supported").toString()).isEqualTo("[\"query\",\"fragment\",\"form_post\"]");
        JsonNode as = Json.MAPPER.readTree(server.get("/.well-known/oauth-authorization-server").body());
        assertThat(as.get("response_modes_supported")).isEqualTo(d.get("response_modes_supported"));
    }
}
