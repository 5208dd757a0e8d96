package dev.cell.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import dev.cell.error.OAuthError;
import dev.cell.error.OAuthException;
import dev.cell.grant.ServerGrants;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class ClientMetadataValidatorTest {
    private static final ServerGrants GRANTS = new ServerGrants(Set.of("authorization_code", "refresh_token", "client_credentials",
            "implicit"));
    private final ClientMetadataValidator validator = new ClientMetadataValidator(GRANTS);

    /** A valid web client to change one member of. */
    private static ClientMetadata.Builder web() {
        return ClientMetadata.builder().clientName("Web").grantTypes(Set.of("authorization_code", "refresh_token"))
                .redirectUris(List.of("https://app.example/cb"));
    }

    private void refused(UnaryOperator<ClientMetadata.Builder> change, OAuthError code, String text) {
        assertThatThrownBy(() -> validator.validate(change.apply(web()).build()))
                .isInstanceOfSatisfying(OAuthException.class, e -> {
                    assertThat(e.error()).isEqualTo(code);
                    assertThat(e.description()).contains(text);
                });
    }

    private void accepted(UnaryOperator<ClientMetadata.Builder> change) {
        ClientMetadata m = change.apply(web()).build();
        assertThat(validator.validate(m)).isEqualTo(m);
    }

    @Test
    void aPlainWebClientPasses() {
        accepted(b -> b);
    }

    @Test
    void onlyAClientWithKeysCanBeRequiredToSignItsRequests() {
        refused(b -> b.requireSignedRequestObject(true), OAuthError.INVALID_CLIENT_METADATA, "require_signed_request_object");
        accepted(b -> b.requirePushedAuthorizationRequests(true));
        accepted(b -> b.tokenEndpointAuthMethod(ClientAuthMethod.PRIVATE_KEY_JWT).jwksUri("https://app.example/jwks.json")
                .requireSignedRequestObject(true));
    }

    @Test
    void aBackchannelLogoutUriIsAnHttpsUrlOrLoopbackHttpWithoutFragment() {
        accepted(b -> b.backchannelLogoutUri("https://app.example/backchannel?tenant=1").backchannelLogoutSessionRequired(true));
        accepted(b -> b.backchannelLogoutUri("http://127.0.0.1:8080/backchannel"));
        accepted(b -> b.backchannelLogoutUri("http://localhost/backchannel"));
        accepted(b -> b.backchannelLogoutUri("http://[::1]:9/b"));
        String member = "backchannel_logout_uri";
        refused(b -> b.backchannelLogoutUri("http://app.example/backchannel"), OAuthError.INVALID_CLIENT_METADATA, member);
        refused(b -> b.backchannelLogoutUri("https://app.example/backchannel#frag"), OAuthError.INVALID_CLIENT_METADATA, "fragment");
        refused(b -> b.backchannelLogoutUri("https://user:pw@app.example/b"), OAuthError.INVALID_CLIENT_METADATA, "userinfo");
        refused(b -> b.backchannelLogoutUri("/backchannel"), OAuthError.INVALID_CLIENT_METADATA, member);
        refused(b -> b.backchannelLogoutUri("com.example.app:/backchannel"), OAuthError.INVALID_CLIENT_METADATA, member);
        refused(b -> b.backchannelLogoutUri("javascript:alert(1)"), OAuthError.INVALID_CLIENT_METADATA, member);
        refused(b -> b.backchannelLogoutUri("https://app.example/ b"), OAuthError.INVALID_CLIENT_METADATA, "not a valid URI");
        refused(b -> b.backchannelLogoutUri("https://app.example/" + "a".repeat(2000)), OAuthError.INVALID_CLIENT_METADATA, "longer than");
    }

    @Test
    void grantTypesComeFromTheServerNotAFixedList() {
        refused(b -> b.grantTypes(Set.of("password")), OAuthError.INVALID_CLIENT_METADATA, "'password' is not offered by this server");
        refused(b -> b.grantTypes(Set.of()), OAuthError.INVALID_CLIENT_METADATA, "at least one grant type");
        ClientMetadataValidator withPassword = new ClientMetadataValidator(new ServerGrants(Set.of("password")));
        ClientMetadata m = ClientMetadata.builder().clientName("Legacy").grantTypes(Set.of("password")).build();
        assertThat(withPassword.validate(m)).isEqualTo(m);
    }

    @Test
    void responseTypesMustMatchGrantTypes() {
        refused(b -> b.responseTypes(Set.of("code", "token")), OAuthError.INVALID_CLIENT_METADATA, "need the implicit grant type");
        refused(b -> b.responseTypes(Set.of("code", "magic")), OAuthError.INVALID_CLIENT_METADATA, "not a response type");
        refused(b -> b.grantTypes(Set.of("client_credentials")).redirectUris(List.of()).responseTypes(Set.of("code")),
                OAuthError.INVALID_CLIENT_METADATA, "needs the authorization_code grant");
        refused(b -> b.grantTypes(Set.of("authorization_code", "implicit")).responseTypes(Set.of("code")),
                OAuthError.INVALID_CLIENT_METADATA, "the implicit grant type needs a token or id_token response type");
        accepted(b -> b.grantTypes(Set.of("authorization_code", "implicit")).responseTypes(Set.of("code", "token id_token")));
    }

    @Test
    void responseTypesDefaultToThoseTheGrantsImply() {
        assertThat(web().build().responseTypes()).containsExactly("code");
        assertThat(web().grantTypes(Set.of("client_credentials")).build().responseTypes()).isEmpty();
        assertThat(web().responseTypes(Set.of("token id_token")).build().responseTypes()).containsExactly("id_token token");
    }

    @Test
    void publicClientsHaveNoClientCredentialsAndAlwaysUsePkce() {
        refused(b -> b.tokenEndpointAuthMethod(ClientAuthMethod.NONE).grantTypes(Set.of("client_credentials")).redirectUris(List.of()),
                OAuthError.INVALID_CLIENT_METADATA, "cannot use client_credentials");
        refused(b -> b.tokenEndpointAuthMethod(ClientAuthMethod.NONE).pkceRequired(false), OAuthError.INVALID_CLIENT_METADATA,
                "must use PKCE");
        accepted(b -> b.pkceRequired(false));
    }

    @Test
    void keysOnlyForPrivateKeyJwtAndExactlyOneWay() throws Exception {
        String jwks = "{\"keys\":[" + new ECKeyGenerator(Curve.P_256).keyID("k1").generate().toPublicJWK().toJSONString() + "]}";
        refused(b -> b.jwks(jwks), OAuthError.INVALID_CLIENT_METADATA, "only private_key_jwt clients register keys");
        refused(b -> b.tokenEndpointAuthMethod(ClientAuthMethod.PRIVATE_KEY_JWT), OAuthError.INVALID_CLIENT_METADATA,
                "exactly one of jwks and jwks_uri");
        refused(b -> b.tokenEndpointAuthMethod(ClientAuthMethod.PRIVATE_KEY_JWT).jwks(jwks).jwksUri("https://app.example/jwks"),
                OAuthError.INVALID_CLIENT_METADATA, "exactly one");
        refused(b -> b.tokenEndpointAuthMethod(ClientAuthMethod.PRIVATE_KEY_JWT).jwks("{\"keys\":[]}"), OAuthError.INVALID_CLIENT_METADATA,
                "jwks:");
        refused(b -> b.tokenEndpointAuthMethod(ClientAuthMethod.PRIVATE_KEY_JWT).jwksUri("http://app.example/jwks"),
                OAuthError.INVALID_CLIENT_METADATA, "jwks_uri:");
        ClientMetadata m = web().tokenEndpointAuthMethod(ClientAuthMethod.PRIVATE_KEY_JWT).jwks(jwks).build();
        assertThat(validator.validate(m).jwks()).contains("k1");
    }

    @Test
    void redirectingGrantsNeedARedirectUri() {
        refused(b -> b.redirectUris(List.of()), OAuthError.INVALID_REDIRECT_URI, "at least one redirect URI");
        accepted(b -> b.grantTypes(Set.of("client_credentials")).redirectUris(List.of()));
    }

    @Test
    void redirectUrisFollowRfc8252AndRfc9700() {
        refused(b -> b.redirectUris(List.of("http://app.example/cb")), OAuthError.INVALID_REDIRECT_URI, "loopback");
        refused(b -> b.redirectUris(List.of("https://app.example/cb#frag")), OAuthError.INVALID_REDIRECT_URI, "fragment");
        refused(b -> b.redirectUris(List.of("https://*.app.example/cb")), OAuthError.INVALID_REDIRECT_URI, "wildcard");
        refused(b -> b.redirectUris(List.of("/relative")), OAuthError.INVALID_REDIRECT_URI, "absolute");
        refused(b -> b.redirectUris(List.of("javascript:alert(1)")), OAuthError.INVALID_REDIRECT_URI, "never a redirect URI");
        refused(b -> b.redirectUris(List.of("https://app.example/" + "a".repeat(2001))), OAuthError.INVALID_REDIRECT_URI, "at most");
        accepted(b -> b.redirectUris(List.of("http://127.0.0.1:8080/cb", "http://[::1]/cb", "http://localhost/cb")));
    }

    @Test
    void privateUseSchemesOnlyForNativeApps() {
        refused(b -> b.redirectUris(List.of("com.example.app:/cb")), OAuthError.INVALID_REDIRECT_URI, "application_type native");
        accepted(b -> b.applicationType(ApplicationType.NATIVE).redirectUris(List.of("com.example.app:/cb")));
        refused(b -> b.applicationType(ApplicationType.NATIVE).redirectUris(List.of("myapp:/cb")), OAuthError.INVALID_REDIRECT_URI,
                "reverse domain name");
    }

    @Test
    void postLogoutRedirectUrisAreCheckedLikeRedirectUris() {
        refused(b -> b.postLogoutRedirectUris(List.of("http://app.example/bye")), OAuthError.INVALID_CLIENT_METADATA,
                "post_logout_redirect_uris[0]");
    }

    @Test
    void linksAreHttpUrlsAndTheLogoOnlyHttps() {
        refused(b -> b.logoUri("http://app.example/logo.png"), OAuthError.INVALID_CLIENT_METADATA, "logo_uri");
        refused(b -> b.clientUri("javascript:alert(1)"), OAuthError.INVALID_CLIENT_METADATA, "client_uri");
        refused(b -> b.policyUri("https://user@app.example/privacy"), OAuthError.INVALID_CLIENT_METADATA, "policy_uri");
        refused(b -> b.tosUri("not a uri"), OAuthError.INVALID_CLIENT_METADATA, "tos_uri");
        accepted(b -> b.logoUri("https://app.example/logo.png").clientUri("http://app.example").tosUri("https://app.example/tos")
                .policyUri("https://app.example/privacy"));
    }

    @Test
    void textsAreBoundedAndWithoutControlCharacters() {
        refused(b -> b.clientName("x".repeat(201)), OAuthError.INVALID_CLIENT_METADATA, "client_name");
        refused(b -> b.clientName("a\nb"), OAuthError.INVALID_CLIENT_METADATA, "control characters");
        refused(b -> b.clientName(" "), OAuthError.INVALID_CLIENT_METADATA, "blank");
        refused(b -> b.softwareId("s".repeat(256)), OAuthError.INVALID_CLIENT_METADATA, "software_id");
        refused(b -> b.contacts(List.of("")), OAuthError.INVALID_CLIENT_METADATA, "contacts");
        refused(b -> b.audiences(java.util.stream.IntStream.range(0, 101).mapToObj(i -> "aud" + i).toList()),
                OAuthError.INVALID_CLIENT_METADATA, "more than 100");
    }

    @Test
    void scopesAreScopeTokens() {
        refused(b -> b.scopes(Set.of("a\"b")), OAuthError.INVALID_CLIENT_METADATA, "scope");
        accepted(b -> b.scopes(Set.of("openid", "notes:read", "https://api.example/x")));
    }

    @Test
    void lifetimesArePositiveAndBounded() {
        refused(b -> b.accessTokenLifetime(Duration.ZERO), OAuthError.INVALID_CLIENT_METADATA, "access_token_lifetime");
        refused(b -> b.idTokenLifetime(Duration.ofDays(2)), OAuthError.INVALID_CLIENT_METADATA, "id_token_lifetime");
        refused(b -> b.refreshTokenLifetime(Duration.ofDays(401)), OAuthError.INVALID_CLIENT_METADATA, "refresh_token_lifetime");
        accepted(b -> b.accessTokenLifetime(Duration.ofMinutes(5)).refreshTokenLifetime(Duration.ofDays(30)));
    }
}
