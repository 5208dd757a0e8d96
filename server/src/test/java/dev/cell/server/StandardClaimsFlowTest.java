package dev.cell.server;

import static dev.cell.server.AuthorizationCodeFlowTest.VERIFIER;
import static dev.cell.server.AuthorizationCodeFlowTest.challenge;
import static dev.cell.server.AuthorizationCodeFlowTest.enc;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.cell.client.ClientAuthMethod;
import dev.cell.client.ClientMetadata;
import dev.cell.server.admin.ClientAdmin;
import dev.cell.token.AccessTokenFormat;
import dev.cell.token.Json;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Standard claims by scope, the claims parameter and acr over HTTP (OIDC Core section 5.4, 5.5, 3.1.2.1). */
class StandardClaimsFlowTest {
    static final String CB = "https://rp.example/cb";
    static final Set<String> REGISTERED = Set.of("iss", "sub", "aud", "exp", "iat", "auth_time", "nonce", "at_hash", "azp", "jti", "sid");
    static TestServer server;
    static ClientAdmin.Created jwt;
    static ClientAdmin.Created opaque;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of("features.implicit.enabled", "true"));
        Set<String> scopes = Set.of("openid", "profile", "email", "phone", "address");
        jwt = server.clients.create("rp", ClientMetadata.builder().clientName("RP")
                .tokenEndpointAuthMethod(ClientAuthMethod.CLIENT_SECRET_BASIC)
                .grantTypes(Set.of("authorization_code", "implicit")).redirectUris(List.of(CB)).scopes(scopes).firstParty(true)
                .build());
        opaque = server.clients.create("rp-opaque", ClientMetadata.builder().clientName("RP opaque")
                .tokenEndpointAuthMethod(ClientAuthMethod.CLIENT_SECRET_BASIC).grantTypes(Set.of("authorization_code"))
                .redirectUris(List.of(CB)).scopes(scopes).accessTokenFormat(AccessTokenFormat.OPAQUE).firstParty(true).build());
        server.users.create("ada", "ada-password-1", Map.of(), Set.of());
        Map<String, String> all = new LinkedHashMap<>();
        String[] kv = {"name", "Ada Lovelace", "given_name", "Ada", "family_name", "Lovelace", "middle_name", "Augusta",
            "nickname", "Ada", "preferred_username", "ada.l", "profile", "https://ada.example/profile", "picture", "https://ada.example/a.png",
            "website", "https://ada.example", "email", "ada@example.com", "email_verified", "true", "gender", "female",
            "birthdate", "1815-12-10", "zoneinfo", "Europe/London", "locale", "en-GB", "phone_number", "+442071234567",
            "phone_number_verified", "true", "address.formatted", "12 St James's Square\nLondon SW1Y 4LB", "address.street_address",
            "12 St James's Square", "address.locality", "London", "address.region", "Greater London", "address.postal_code", "SW1Y 4LB",
            "address.country", "GB"};
        for (int i = 0; i < kv.length; i += 2) {
            all.put(kv[i], kv[i + 1]);
        }
        server.users.updateClaims("ada", all);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String authorize(String client, String responseType, String scope, String extra) throws Exception {
        return "/oauth/authorize?response_type=" + enc(responseType) + "&client_id=" + client + "&redirect_uri=" + enc(CB) + "&scope="
                + enc(scope) + "&state=s&nonce=n-1&code_challenge=" + challenge(VERIFIER) + "&code_challenge_method=S256" + extra;
    }

    /** Runs the code flow for ada (logging in) and returns the token response. */
    static JsonNode tokens(ClientAdmin.Created client, String scope, String extra) throws Exception {
        Browser b = new Browser(server.url(""));
        String loc = AuthorizationCodeFlowTest.codeFor(b, authorize(client.client().clientId(), "code", scope, extra), "ada", "ada-password-1");
        assertThat(loc).startsWith(CB + "?code=");
        String body = "grant_type=authorization_code&code=" + enc(Browser.query(loc).get("code")) + "&redirect_uri=" + enc(CB)
                + "&code_verifier=" + VERIFIER;
        return Json.MAPPER.readTree(server.post("/oauth/token", body, "Authorization", TestServer.basic(client.client().clientId(), client.secret())).body());
    }

    static JsonNode userinfo(JsonNode tokens) throws Exception {
        HttpResponse<String> r = server.send(HttpRequest.newBuilder(URI.create(server.url("/userinfo")))
                .header("Authorization", "Bearer " + tokens.get("access_token").asText()).GET().build());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Json.MAPPER.readTree(r.body());
    }

    static JWTClaimsSet idToken(String value) throws Exception {
        return SignedJWT.parse(value).getJWTClaimsSet();
    }

    static Map<String, Object> userClaims(JWTClaimsSet id) {
        Map<String, Object> out = new LinkedHashMap<>(id.getClaims());
        out.keySet().removeAll(REGISTERED);
        return out;
    }

    static List<String> names(JsonNode object) {
        List<String> out = new java.util.ArrayList<>();
        object.fieldNames().forEachRemaining(out::add);
        return out;
    }

    @Test
    void eachScopeReturnsExactlyItsClaimsFromUserInfo() throws Exception {
        assertThat(names(userinfo(tokens(jwt, "openid", "")))).containsExactly("sub");
        JsonNode profile = userinfo(tokens(jwt, "openid profile", ""));
        assertThat(names(profile)).containsExactlyInAnyOrder("sub", "name", "given_name", "family_name", "middle_name", "nickname",
                "preferred_username", "profile", "picture", "website", "gender", "birthdate", "zoneinfo", "locale", "updated_at");
        assertThat(profile.get("preferred_username").asText()).isEqualTo("ada.l");
        assertThat(profile.get("updated_at").isNumber()).isTrue();
        JsonNode email = userinfo(tokens(jwt, "openid email", ""));
        assertThat(names(email)).containsExactlyInAnyOrder("sub", "email", "email_verified");
        assertThat(email.get("email_verified").isBoolean()).isTrue();
        assertThat(names(userinfo(tokens(jwt, "openid phone", "")))).containsExactlyInAnyOrder("sub", "phone_number", "phone_number_verified");
        JsonNode address = userinfo(tokens(jwt, "openid address", ""));
        assertThat(names(address)).containsExactlyInAnyOrder("sub", "address");
        assertThat(names(address.get("address"))).containsExactlyInAnyOrder("formatted", "street_address", "locality", "region",
                "postal_code", "country");
        assertThat(address.get("address").get("formatted").asText()).contains("\n");
    }

    @Test
    void withAnAccessTokenTheIdTokenLeavesScopeClaimsToUserInfoAndStatesAmrButNoAcrUnasked() throws Exception {
        JWTClaimsSet id = idToken(tokens(jwt, "openid profile email", "").get("id_token").asText());
        assertThat(userClaims(id)).containsOnlyKeys("amr");
        assertThat(id.getStringListClaim("amr")).containsExactly("pwd");
    }

    @Test
    void claimsRequestedOneByOneComeBackWithoutTheirScopeThroughTheLoginRoundTrip() throws Exception {
        String claims = """
                {"userinfo":{"given_name":{"essential":true},"email":null,"shoe_size":null,"acr":null},
                 "id_token":{"birthdate":null,"address":{"essential":false},"locale":{"value":"fr-FR"},"acr":null}}""";
        for (ClientAdmin.Created client : List.of(jwt, opaque)) {
            JsonNode tokens = tokens(client, "openid", "&claims=" + enc(claims));
            assertThat(names(userinfo(tokens))).as(client.client().clientId()).containsExactlyInAnyOrder("sub", "given_name", "email");
            JWTClaimsSet id = idToken(tokens.get("id_token").asText());
            assertThat(userClaims(id)).containsOnlyKeys("birthdate", "address", "locale", "acr", "amr")
                    .containsEntry("birthdate", "1815-12-10").containsEntry("locale", "en-GB").containsEntry("acr", "urn:cell:acr:pwd");
        }
    }

    @Test
    void claimsRequestedOneByOneNeedTheUsersConsentToTheirScopeAndTheClientsRegistration() throws Exception {
        ClientAdmin.Created third = server.clients.create("third", ClientMetadata.builder().clientName("Third")
                .tokenEndpointAuthMethod(ClientAuthMethod.CLIENT_SECRET_BASIC).grantTypes(Set.of("authorization_code"))
                .redirectUris(List.of(CB)).scopes(Set.of("openid", "email")).build());
        Browser b = new Browser(server.url(""));
        String first = AuthorizationCodeFlowTest.codeFor(b, authorize("third", "code", "openid", ""), "ada", "ada-password-1");
        assertThat(first).as("consent to openid alone is remembered").startsWith(CB + "?code=");

        String claims = "{\"userinfo\":{\"email\":null,\"phone_number\":null}}";
        HttpResponse<String> again = b.get(authorize("third", "code", "openid", "&claims=" + enc(claims)));
        String consentPage = Browser.location(again);
        assertThat(consentPage).as("the email claim was never consented to").startsWith("/oauth/confirm_access");
        HttpResponse<String> page = b.get(consentPage);
        assertThat(page.body()).contains("Your email address");
        Map<String, String> allow = new java.util.HashMap<>(Browser.hiddenFields(page.body()));
        allow.put("decision", "allow");
        String callback = Browser.location(b.post("/oauth/confirm_access", allow));
        String body = "grant_type=authorization_code&code=" + enc(Browser.query(callback).get("code")) + "&redirect_uri=" + enc(CB)
                + "&code_verifier=" + VERIFIER;
        JsonNode tokens = Json.MAPPER.readTree(server.post("/oauth/token", body, "Authorization",
                TestServer.basic("third", third.secret())).body());
        assertThat(tokens.get("scope").asText()).as("the token's scope does not widen").isEqualTo("openid");
        assertThat(names(userinfo(tokens))).as("phone_number needs the phone scope, which the client may not have")
                .containsExactlyInAnyOrder("sub", "email");
        assertThat(Browser.location(b.get(authorize("third", "code", "openid", "&claims=" + enc(claims)))))
                .as("now remembered").startsWith(CB + "?code=");
    }

    @Test
    void acrValuesPutAcrInTheIdToken() throws Exception {
        JWTClaimsSet id = idToken(tokens(jwt, "openid", "&acr_values=" + enc("urn:mace:incommon:iap:silver urn:cell:acr:pwd"))
                .get("id_token").asText());
        assertThat(id.getStringClaim("acr")).isEqualTo("urn:cell:acr:pwd");
        assertThat(id.getStringListClaim("amr")).containsExactly("pwd");
    }

    @Test
    void anIdTokenAloneCarriesTheScopeClaimsAndTheRequestedOnes() throws Exception {
        Browser b = new Browser(server.url(""));
        String loc = AuthorizationCodeFlowTest.codeFor(b, authorize("rp", "id_token", "openid email",
                "&acr_values=urn:cell:acr:pwd&claims=" + enc("{\"id_token\":{\"zoneinfo\":null}}")), "ada", "ada-password-1");
        assertThat(loc).startsWith(CB + "#");
        Map<String, String> fragment = Browser.query("https://x/?" + URI.create(loc).getRawFragment());
        JWTClaimsSet id = idToken(fragment.get("id_token"));
        assertThat(userClaims(id)).containsOnlyKeys("email", "email_verified", "zoneinfo", "acr", "amr")
                .containsEntry("email", "ada@example.com").containsEntry("email_verified", true).containsEntry("zoneinfo", "Europe/London");
    }

    @Test
    void badClaimsParametersAreRefusedWithRfcErrors() throws Exception {
        Browser b = new Browser(server.url(""));
        for (String bad : List.of("{", "[]", "{\"userinfo\":\"email\"}", "{\"id_token\":{\"email\":{\"essential\":1}}}",
                "{\"userinfo\":{\"" + "x".repeat(4100) + "\":null}}")) {
            HttpResponse<String> r = b.get(authorize("rp", "code", "openid", "&claims=" + enc(bad)));
            assertThat(r.statusCode()).as(bad).isEqualTo(303);
            assertThat(Browser.query(Browser.location(r))).as(bad).containsEntry("error", "invalid_request").containsEntry("state", "s");
        }
        HttpResponse<String> acr = b.get(authorize("rp", "code", "openid",
                "&claims=" + enc("{\"id_token\":{\"acr\":{\"essential\":true,\"values\":[\"urn:mace:incommon:iap:gold\"]}}}")));
        assertThat(Browser.query(Browser.location(acr))).containsEntry("error", "access_denied");
        HttpResponse<String> longAcr = b.get(authorize("rp", "code", "openid", "&acr_values=" + "a".repeat(1100)));
        assertThat(Browser.query(Browser.location(longAcr))).containsEntry("error", "invalid_request");
    }

    @Test
    void discoveryAdvertisesTheClaimsParameterAcrValuesAndEveryClaim() throws Exception {
        JsonNode d = Json.MAPPER.readTree(server.get("/.well-known/openid-configuration").body());
        assertThat(d.get("claims_parameter_supported").asBoolean()).isTrue();
        assertThat(d.get("acr_values_supported")).extracting(JsonNode::asText).containsExactly("urn:cell:acr:pwd");
        assertThat(d.get("claims_supported")).extracting(JsonNode::asText).contains("name", "given_name", "family_name", "middle_name",
                "nickname", "preferred_username", "profile", "picture", "website", "email", "email_verified", "gender", "birthdate",
                "zoneinfo", "locale", "phone_number", "phone_number_verified", "address", "updated_at", "acr", "amr");
    }
}
