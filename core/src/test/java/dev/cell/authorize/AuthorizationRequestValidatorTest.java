package dev.cell.authorize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cell.client.Client;
import dev.cell.client.ClientMetadata;
import dev.cell.client.ClientRegistry;
import dev.cell.error.OAuthError;
import dev.cell.error.OAuthException;
import dev.cell.support.MemoryStores;
import dev.cell.support.TestWorld;
import dev.cell.token.AccessTokenFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

class AuthorizationRequestValidatorTest {
    private static final String REDIRECT = TestWorld.REDIRECT;
    private static final ParameterLimits LIMITS = new ParameterLimits(2048, 512);
    private final MemoryStores.Clients store = new MemoryStores.Clients();
    private final AuthorizationRequestValidator validator = new AuthorizationRequestValidator(new ClientRegistry(store), false, false,
            LIMITS);

    AuthorizationRequestValidatorTest() {
        store.create(TestWorld.client("web"));
        store.create(TestWorld.client("two", AccessTokenFormat.JWT, Set.of("authorization_code"),
                List.of("https://two.example/a", "https://two.example/b")));
        store.create(TestWorld.client("machine", AccessTokenFormat.JWT, Set.of("client_credentials"), List.of(REDIRECT)));
        store.create(TestWorld.client("legacy", AccessTokenFormat.JWT, Set.of("implicit"), List.of(REDIRECT)));
    }

    private static Map<String, String> valid() {
        Map<String, String> p = new HashMap<>();
        p.put("client_id", "web");
        p.put("redirect_uri", REDIRECT);
        p.put("response_type", "code");
        p.put("scope", "openid profile");
        p.put("state", "st@te with spaces & ünïcode");
        p.put("nonce", "n-0S6");
        p.put("code_challenge", TestWorld.CHALLENGE);
        p.put("code_challenge_method", "S256");
        return p;
    }

    private static Map<String, String> with(String key, String value) {
        Map<String, String> p = valid();
        if (value == null) {
            p.remove(key);
        } else {
            p.put(key, value);
        }
        return p;
    }

    private AbstractThrowableAssert<?, ? extends Throwable> redirected(Map<String, String> params, OAuthError error) {
        return assertThatThrownBy(() -> validator.validate(params))
                .isInstanceOfSatisfying(AuthorizationRedirectException.class, e -> {
                    assertThat(e.error()).isEqualTo(error);
                    assertThat(e.redirectUri()).isEqualTo(REDIRECT);
                    assertThat(e.state()).isEqualTo(params.get("state"));
                });
    }

    private AbstractThrowableAssert<?, ? extends Throwable> onErrorPage(Map<String, String> params, OAuthError error) {
        return assertThatThrownBy(() -> validator.validate(params))
                .isInstanceOfSatisfying(OAuthException.class, e -> assertThat(e.error()).isEqualTo(error));
    }

    @Test
    void aValidRequestIsReturnedTyped() {
        AuthorizationRequest r = validator.validate(valid());
        assertThat(r.clientId()).isEqualTo("web");
        assertThat(r.redirectUri()).isEqualTo(REDIRECT);
        assertThat(r.redirectUriGiven()).isTrue();
        assertThat(r.scopes()).containsExactlyInAnyOrder("openid", "profile");
        assertThat(r.state()).isEqualTo("st@te with spaces & ünïcode");
        assertThat(r.nonce()).isEqualTo("n-0S6");
        assertThat(r.codeChallenge()).isEqualTo(TestWorld.CHALLENGE);
        assertThat(r.codeChallengeMethod()).isEqualTo("S256");
        assertThat(r.prompt()).isEmpty();
        assertThat(r.maxAge()).isNull();
        assertThat(AuthorizationRequest.fromParameters(r.toParameters())).isEqualTo(r);
    }

    @Test
    void optionalParametersAreParsed() {
        Map<String, String> p = valid();
        p.put("prompt", "login consent login");
        p.put("max_age", "0");
        p.put("ui_locales", "zh-CN  en");
        p.put("login_hint", "alice");
        p.put("response_mode", "query");
        AuthorizationRequest r = validator.validate(p);
        assertThat(r.prompt()).containsExactlyInAnyOrder("login", "consent");
        assertThat(r.maxAge()).isZero();
        assertThat(r.uiLocales()).containsExactly("zh-CN", "en");
        assertThat(r.loginHint()).isEqualTo("alice");
        assertThat(AuthorizationRequest.fromParameters(r.toParameters())).isEqualTo(r);
    }

    @Test
    void aMissingOrUnknownClientIsShownOnAPage() {
        onErrorPage(with("client_id", null), OAuthError.INVALID_REQUEST);
        onErrorPage(with("client_id", ""), OAuthError.INVALID_REQUEST);
        onErrorPage(with("client_id", "nobody"), OAuthError.INVALID_REQUEST);
    }

    @Test
    void aClientWithoutTheGrantIsShownOnAPage() {
        onErrorPage(with("client_id", "machine"), OAuthError.UNAUTHORIZED_CLIENT);
    }

    @Test
    void anUnregisteredRedirectUriIsNeverRedirectedTo() {
        onErrorPage(with("redirect_uri", "https://evil.example/callback"), OAuthError.INVALID_REQUEST)
                .hasMessage("redirect_uri is not registered for this client");
        onErrorPage(with("redirect_uri", REDIRECT + "/.."), OAuthError.INVALID_REQUEST);
        Map<String, String> bad = with("redirect_uri", "https://evil.example/callback");
        bad.put("response_type", "token");
        onErrorPage(bad, OAuthError.INVALID_REQUEST);
    }

    @Test
    void redirectUriMayBeOmittedOnlyWithOneRegisteredAndNoOpenId() {
        Map<String, String> p = with("redirect_uri", null);
        p.put("scope", "profile");
        AuthorizationRequest r = validator.validate(p);
        assertThat(r.redirectUri()).isEqualTo(REDIRECT);
        assertThat(r.redirectUriGiven()).isFalse();
        redirected(with("redirect_uri", null), OAuthError.INVALID_REQUEST).hasMessageContaining("OpenID Connect");
        Map<String, String> two = with("redirect_uri", null);
        two.put("client_id", "two");
        onErrorPage(two, OAuthError.INVALID_REQUEST).hasMessageContaining("several");
    }

    @Test
    void responseTypeMustBeCode() {
        redirected(with("response_type", null), OAuthError.INVALID_REQUEST);
        redirected(with("response_type", "token"), OAuthError.UNSUPPORTED_RESPONSE_TYPE);
        redirected(with("response_type", "code id_token"), OAuthError.UNSUPPORTED_RESPONSE_TYPE);
    }

    @Test
    void responseModeIsQueryFragmentOrFormPostAndAnUnknownOneIsInvalid() {
        assertThat(validator.validate(valid()).responseMode()).isEqualTo(ResponseMode.QUERY);
        assertThat(validator.validate(with("response_mode", "query")).responseMode()).isEqualTo(ResponseMode.QUERY);
        assertThat(validator.validate(with("response_mode", "fragment")).responseMode()).isEqualTo(ResponseMode.FRAGMENT);
        assertThat(validator.validate(with("response_mode", "form_post")).responseMode()).isEqualTo(ResponseMode.FORM_POST);
        redirected(with("response_mode", "web_message"), OAuthError.INVALID_REQUEST).hasMessageContaining("form_post")
                .extracting(e -> ((AuthorizationRedirectException) e).responseMode()).isEqualTo(ResponseMode.QUERY);
        Map<String, String> p = with("response_mode", "form_post");
        p.put("prompt", "bogus");
        redirected(p, OAuthError.INVALID_REQUEST).extracting(e -> ((AuthorizationRedirectException) e).responseMode())
                .as("later errors go by the requested mode").isEqualTo(ResponseMode.FORM_POST);
    }

    @Test
    void storedValuesAreBoundedAndAnOverlongStateIsNotEchoed() {
        assertThat(validator.validate(with("state", "s".repeat(2048))).state()).hasSize(2048);
        assertThatThrownBy(() -> validator.validate(with("state", "s".repeat(2049))))
                .isInstanceOfSatisfying(AuthorizationRedirectException.class, e -> {
                    assertThat(e.error()).isEqualTo(OAuthError.INVALID_REQUEST);
                    assertThat(e.state()).isNull();
                    assertThat(e.description()).isEqualTo("state is longer than 2048 bytes");
                });
        assertThatThrownBy(() -> validator.validate(with("state", "\u00fc".repeat(1025))))
                .as("counted in UTF-8 bytes, which is what percent-encoding triples")
                .isInstanceOfSatisfying(AuthorizationRedirectException.class, e -> assertThat(e.state()).isNull());
        for (String name : List.of("nonce", "login_hint", "ui_locales")) {
            assertThat(validator.validate(with(name, "x".repeat(512)))).isNotNull();
            redirected(with(name, "x".repeat(513)), OAuthError.INVALID_REQUEST).hasMessage(name + " is longer than 512 characters");
            redirected(with(name, "x\ny"), OAuthError.INVALID_REQUEST).hasMessage(name + " must not contain control characters");
        }
        redirected(with("response_type", "x".repeat(5000)), OAuthError.UNSUPPORTED_RESPONSE_TYPE).hasMessageNotContaining("xxx");
        redirected(with("scope", "openid " + "y".repeat(5000)), OAuthError.INVALID_SCOPE).hasMessageNotContaining("yyy");
        redirected(with("prompt", "z".repeat(5000)), OAuthError.INVALID_REQUEST).hasMessageNotContaining("zzz");
    }

    @Test
    void requestObjectsAndRegistrationAreNotSupported() {
        redirected(with("request", "eyJhbGciOiJub25lIn0.e30."), OAuthError.REQUEST_NOT_SUPPORTED);
        redirected(with("request_uri", "https://app.example.com/r/1"), OAuthError.REQUEST_URI_NOT_SUPPORTED);
        redirected(with("registration", "{}"), OAuthError.REGISTRATION_NOT_SUPPORTED);
    }

    @Test
    void scopeIsLimitedToTheClientsAndDefaultsWithoutOfflineAccess() {
        redirected(with("scope", "openid admin"), OAuthError.INVALID_SCOPE).hasMessageContaining("admin");
        redirected(with("scope", "openid caf\u00e9"), OAuthError.INVALID_SCOPE);
        AuthorizationRequest r = validator.validate(with("scope", null));
        assertThat(r.scopes()).containsExactlyInAnyOrder("openid", "profile", "email", "read", "write");
        assertThat(validator.validate(with("scope", "openid offline_access")).scopes()).contains("offline_access");
    }

    @Test
    void pkceS256IsRequiredOfEveryClient() {
        redirected(with("code_challenge", null), OAuthError.INVALID_REQUEST).hasMessage("code_challenge is required (PKCE, RFC 7636)");
        redirected(with("code_challenge", ""), OAuthError.INVALID_REQUEST).hasMessage("code_challenge is required (PKCE, RFC 7636)");
        redirected(with("code_challenge_method", "plain"), OAuthError.INVALID_REQUEST).hasMessageContaining("plain");
        redirected(with("code_challenge_method", null), OAuthError.INVALID_REQUEST).hasMessageContaining("plain");
        redirected(with("code_challenge", "too-short"), OAuthError.INVALID_REQUEST);
    }

    @Test
    void aConfidentialClientRegisteredWithoutPkceMayLeaveTheChallengeOut() {
        Client web = TestWorld.client("web");
        store.create(Client.builder().clientId("rp").metadata(ClientMetadata.builder().clientName("rp")
                .tokenEndpointAuthMethod(web.authMethod()).grantTypes(web.grantTypes()).redirectUris(web.redirectUris())
                .scopes(web.scopes()).pkceRequired(false).build()).secretHash("hash").createdAt(web.createdAt())
                .updatedAt(web.updatedAt()).version(1).build());
        Map<String, String> p = with("code_challenge", null);
        p.remove("code_challenge_method");
        p.put("client_id", "rp");
        AuthorizationRequest r = validator.validate(p);
        assertThat(r.codeChallenge()).isNull();
        assertThat(r.codeChallengeMethod()).as("no method recorded, so the token endpoint sees no PKCE").isNull();
        p.put("code_challenge_method", "S256");
        redirected(p, OAuthError.INVALID_REQUEST).hasMessageContaining("without code_challenge");
        p.put("code_challenge", TestWorld.CHALLENGE);
        assertThat(validator.validate(p).codeChallenge()).isEqualTo(TestWorld.CHALLENGE);
    }

    @Test
    void plainPkceIsAcceptedWhenSwitchedOn() {
        AuthorizationRequestValidator lenient = new AuthorizationRequestValidator(new ClientRegistry(store), true, false, LIMITS);
        Map<String, String> p = with("code_challenge_method", null);
        p.put("code_challenge", TestWorld.VERIFIER);
        AuthorizationRequest r = lenient.validate(p);
        assertThat(r.codeChallengeMethod()).as("recorded explicitly, so the token endpoint never guesses").isEqualTo("plain");
    }

    @Test
    void promptValuesAreChecked() {
        redirected(with("prompt", "none login"), OAuthError.INVALID_REQUEST).hasMessageContaining("none");
        redirected(with("prompt", "always"), OAuthError.INVALID_REQUEST);
        assertThat(validator.validate(with("prompt", "none")).prompt()).containsExactly("none");
        assertThat(validator.validate(with("prompt", "select_account")).prompt()).containsExactly("select_account");
    }

    @Test
    void maxAgeIsANonNegativeInteger() {
        redirected(with("max_age", "-1"), OAuthError.INVALID_REQUEST);
        redirected(with("max_age", "1.5"), OAuthError.INVALID_REQUEST);
        redirected(with("max_age", "soon"), OAuthError.INVALID_REQUEST);
        redirected(with("max_age", "99999999999"), OAuthError.INVALID_REQUEST);
        assertThat(validator.validate(with("max_age", "3600")).maxAge()).isEqualTo(3600);
    }

    @Test
    void emptyParametersCountAsOmittedAndStateComesBackUnchanged() {
        Map<String, String> p = with("state", null);
        p.put("nonce", "");
        AuthorizationRequest r = validator.validate(p);
        assertThat(r.state()).isNull();
        assertThat(r.nonce()).isNull();
        Map<String, String> noState = with("state", null);
        noState.put("response_type", "token");
        redirected(noState, OAuthError.UNSUPPORTED_RESPONSE_TYPE);
    }

    /** Every error of an implicit request is sent in the fragment, or by form_post when asked (RFC 6749 §4.2.2.1, OIDC Core §3.2.2.6). */
    @Test
    void everyImplicitErrorTravelsInTheFragment() {
        AuthorizationRequestValidator implicit = new AuthorizationRequestValidator(new ClientRegistry(store), false, true, LIMITS);
        List<Map<String, String>> wrong = new java.util.ArrayList<>();
        for (String[] change : new String[][] {{"request", "eyJhbGciOiJub25lIn0.e30."}, {"request_uri", "https://app.example.com/r/1"},
                {"registration", "{}"}, {"response_mode", "query"}, {"response_mode", "web_message"}, {"scope", "openid admin"},
                {"nonce", null}, {"nonce", "n".repeat(513)}, {"login_hint", "h".repeat(513)}, {"prompt", "bogus"}, {"max_age", "-1"},
                {"state", "s".repeat(2049)}, {"scope", "profile"}}) {
            Map<String, String> p = with("response_type", "id_token token");
            p.put("client_id", "legacy");
            p.remove("code_challenge");
            p.remove("code_challenge_method");
            p.put(change[0], change[1]);
            p.values().removeIf(java.util.Objects::isNull);
            wrong.add(p);
        }
        Map<String, String> unregistered = with("response_type", "token");
        wrong.add(unregistered);
        Map<String, String> hybrid = with("response_type", "code id_token");
        hybrid.put("request", "eyJhbGciOiJub25lIn0.e30.");
        wrong.add(hybrid);
        for (Map<String, String> p : wrong) {
            assertThatThrownBy(() -> implicit.validate(p)).as(p.toString())
                    .isInstanceOfSatisfying(AuthorizationRedirectException.class,
                            e -> assertThat(e.responseMode()).as(p + ": " + e.getMessage()).isEqualTo(ResponseMode.FRAGMENT));
        }
        Map<String, String> formPost = with("response_type", "token");
        formPost.put("client_id", "legacy");
        formPost.put("response_mode", "form_post");
        formPost.put("request", "eyJhbGciOiJub25lIn0.e30.");
        assertThatThrownBy(() -> implicit.validate(formPost)).isInstanceOfSatisfying(AuthorizationRedirectException.class,
                e -> assertThat(e.responseMode()).isEqualTo(ResponseMode.FORM_POST));
        assertThatThrownBy(() -> validator.validate(with("response_type", "token"))).as("implicit switched off")
                .isInstanceOfSatisfying(AuthorizationRedirectException.class,
                        e -> assertThat(e.responseMode()).isEqualTo(ResponseMode.FRAGMENT));
    }
}
