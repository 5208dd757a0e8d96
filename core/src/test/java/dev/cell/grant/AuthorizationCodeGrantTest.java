package dev.cell.grant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.cell.account.User;
import dev.cell.authorize.AuthorizationCode;
import dev.cell.authorize.AuthorizationRequest;
import dev.cell.client.Client;
import dev.cell.client.ClientMetadata;
import dev.cell.error.OAuthError;
import dev.cell.error.OAuthException;
import dev.cell.oidc.ClaimsRequest;
import dev.cell.oidc.IdTokenIssuer;
import dev.cell.support.TestWorld;
import dev.cell.token.AccessTokenFormat;
import dev.cell.token.TokenHasher;
import dev.cell.token.TokenKind;
import dev.cell.token.ValidatedAccessToken;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

class AuthorizationCodeGrantTest {
    private final TestWorld w = new TestWorld();
    private final Client web = TestWorld.client("web");

    private AbstractThrowableAssert<?, ? extends Throwable> refused(Client client, Map<String, String> params, OAuthError error) {
        return assertThatThrownBy(() -> w.codeGrant.handle(client, params, "203.0.113.9"))
                .isInstanceOfSatisfying(OAuthException.class, e -> assertThat(e.error()).isEqualTo(error));
    }

    private static Map<String, String> with(Map<String, String> params, String key, String value) {
        Map<String, String> p = new HashMap<>(params);
        if (value == null) {
            p.remove(key);
        } else {
            p.put(key, value);
        }
        return p;
    }

    @Test
    void theCodeIsStoredOnlyAsItsHashWithItsBindings() {
        String code = w.code(web, Set.of("openid", "profile"));
        assertThat(code).hasSize(43);
        AuthorizationCode stored = w.codes.all().iterator().next();
        assertThat(stored.codeHash()).isEqualTo(TokenHasher.hash(code)).isNotEqualTo(code);
        assertThat(stored.clientId()).isEqualTo("web");
        assertThat(stored.userId()).isEqualTo(w.alice.id());
        assertThat(stored.redirectUri()).isEqualTo(TestWorld.REDIRECT);
        assertThat(stored.codeChallenge()).isEqualTo(TestWorld.CHALLENGE);
        assertThat(stored.codeChallengeMethod()).isEqualTo("S256");
        assertThat(stored.nonce()).isEqualTo("n-0S6_WzA2Mj");
        assertThat(stored.sessionId()).isEqualTo("session-1");
        assertThat(stored.grantId()).isNotBlank();
        assertThat(stored.expiresAt()).isEqualTo(stored.createdAt().plus(TestWorld.CODE_LIFETIME));
        w.codeIssuer.issue(TestWorld.request(web, Set.of("read"), false), w.alice.id(), w.clock.instant(), null, List.of());
        assertThat(w.codes.all()).anySatisfy(c -> assertThat(c.redirectUri()).as("omitted redirect_uri is not bound").isNull());
        assertThat(w.codes.all()).extracting(AuthorizationCode::grantId).doesNotHaveDuplicates();
    }

    @Test
    void aCodeBuysAnAccessTokenARefreshTokenAndAnIdToken() {
        TokenResponse r = w.codeGrant.handle(web, TestWorld.redeem(w.code(web, Set.of("openid", "offline_access", "read"))), "203.0.113.9");
        assertThat(r.tokenType()).isEqualTo("Bearer");
        assertThat(r.expiresIn()).isEqualTo(300);
        assertThat(r.scope()).isEqualTo("offline_access openid read");
        assertThat(r.refreshToken()).isNotNull();
        assertThat(r.idToken()).isNotNull();
        ValidatedAccessToken at = w.validator.validate(r.accessToken()).orElseThrow();
        assertThat(at.userId()).isEqualTo(w.alice.id());
        assertThat(at.subject()).isEqualTo(w.alice.id());
        assertThat(at.clientId()).isEqualTo("web");
        assertThat(at.scopes()).containsExactlyInAnyOrder("openid", "offline_access", "read");
        assertThat(at.grantId()).isEqualTo(w.codes.all().iterator().next().grantId());
        assertThat(at.claims()).containsKey("auth_time");
        assertThat(w.tokens.find(TokenHasher.orderedHash(r.refreshToken())).orElseThrow().grantId()).isEqualTo(at.grantId());
    }

    @Test
    void theIdTokenCarriesTheOidcClaims() throws Exception {
        Instant authTime = w.clock.instant().minusSeconds(30);
        TokenResponse r = w.codeGrant.handle(web, TestWorld.redeem(w.code(web, Set.of("openid"))), "203.0.113.9");
        JWTClaimsSet id = w.verified(r.idToken()).getJWTClaimsSet();
        assertThat(id.getIssuer()).isEqualTo(TestWorld.ISSUER.toString());
        assertThat(id.getSubject()).isEqualTo(w.alice.id());
        assertThat(id.getAudience()).containsExactly("web");
        assertThat(id.getStringClaim("azp")).isEqualTo("web");
        assertThat(id.getStringClaim("nonce")).isEqualTo("n-0S6_WzA2Mj");
        assertThat(id.getLongClaim("auth_time")).isEqualTo(authTime.getEpochSecond());
        assertThat(id.getStringClaim("at_hash")).isEqualTo(IdTokenIssuer.atHash(r.accessToken()));
        assertThat(id.getExpirationTime().toInstant()).isEqualTo(Instant.ofEpochSecond(w.clock.instant().plus(TestWorld.ID_LIFETIME).getEpochSecond()));
    }

    @Test
    void theCodeCarriesTheClaimsRequestAcrAndAmrToTheTokens() throws Exception {
        AuthorizationRequest plain = TestWorld.request(web, Set.of("openid"), true);
        AuthorizationRequest request = new AuthorizationRequest(plain.clientId(), plain.redirectUri(), true, "code", plain.responseMode(), plain.scopes(),
                plain.state(), plain.nonce(), plain.codeChallenge(), plain.codeChallengeMethod(), Set.of(), null, null, List.of(),
                ClaimsRequest.parse("{\"userinfo\":{\"email\":null},\"id_token\":{\"email_verified\":null}}").toJson(),
                List.of("urn:cell:acr:pwd"));
        String code = w.codeIssuer.issue(request, w.alice.id(), w.clock.instant(), null, List.of("pwd"));
        TokenResponse r = w.codeGrant.handle(web, TestWorld.redeem(code), "203.0.113.9");
        JWTClaimsSet id = w.verified(r.idToken()).getJWTClaimsSet();
        assertThat(id.getStringClaim("acr")).isEqualTo("urn:cell:acr:pwd");
        assertThat(id.getStringListClaim("amr")).containsExactly("pwd");
        assertThat(id.getBooleanClaim("email_verified")).isTrue();
        assertThat(id.getClaim("email")).as("asked of UserInfo only").isNull();
        assertThat(com.nimbusds.jwt.SignedJWT.parse(r.accessToken()).getJWTClaimsSet().getStringListClaim("userinfo_claims"))
                .containsExactly("email");
    }

    @Test
    void refreshTokensFollowTheSwitchTheClientAndOfflineAccess() {
        assertThat(w.codeGrant.handle(web, TestWorld.redeem(w.code(web, Set.of("openid"))), "203.0.113.9").refreshToken())
                .as("OpenID without offline_access (OIDC Core §11)").isNull();
        assertThat(w.codeGrant.handle(web, TestWorld.redeem(w.code(web, Set.of("read"))), "203.0.113.9").refreshToken()).as("plain OAuth").isNotNull();
        Client noRefresh = TestWorld.client("norefresh", AccessTokenFormat.JWT, Set.of("authorization_code"), List.of(TestWorld.REDIRECT));
        assertThat(w.codeGrant.handle(noRefresh, TestWorld.redeem(w.code(noRefresh, Set.of("read", "offline_access"))), "203.0.113.9").refreshToken())
                .isNull();
        TestWorld off = new TestWorld(false);
        assertThat(off.codeGrant.handle(web, TestWorld.redeem(off.code(web, Set.of("read", "offline_access"))), "203.0.113.9").refreshToken()).isNull();
        assertThat(w.codeGrant.handle(web, TestWorld.redeem(w.code(web, Set.of("read"))), "203.0.113.9").idToken()).as("no openid").isNull();
    }

    @Test
    void aReplayedCodeIsRefusedAndRevokesEverythingIssuedFromIt() {
        Map<String, String> params = TestWorld.redeem(w.code(web, Set.of("openid", "offline_access")));
        TokenResponse first = w.codeGrant.handle(web, params, "203.0.113.9");
        assertThat(w.validator.validate(first.accessToken())).isPresent();
        refused(web, params, OAuthError.INVALID_GRANT).hasMessageContaining("already used");
        assertThat(w.validator.validate(first.accessToken())).as("JWT access token deny-listed by grant").isEmpty();
        assertThat(w.tokens.find(TokenHasher.orderedHash(first.refreshToken())).orElseThrow().revokedAt()).isNotNull();
        assertThatThrownBy(() -> w.refreshGrant.handle(web, Map.of("refresh_token", first.refreshToken()), "203.0.113.9"))
                .isInstanceOfSatisfying(OAuthException.class, e -> assertThat(e.error()).isEqualTo(OAuthError.INVALID_GRANT));
        assertThat(w.revoked.all().get(w.codes.all().iterator().next().grantId()))
                .isAfterOrEqualTo(w.clock.instant().plus(TestWorld.ACCESS_LIFETIME).minusMillis(1));
    }

    @Test
    void aCodeWhoseGrantWasRevokedBeforeItsRedemptionGetsOnlyDeadTokens() {
        // As when a replay races the first redemption: the one consumer of the code wins, and its tokens are revoked.
        Map<String, String> params = TestWorld.redeem(w.code(web, Set.of("openid", "offline_access")));
        w.revoker.revoke(w.codes.all().iterator().next().grantId());
        TokenResponse r = w.codeGrant.handle(web, params, "203.0.113.9");
        assertThat(w.validator.validate(r.accessToken())).as("JWT access token deny-listed by grant").isEmpty();
        assertThat(w.tokens.find(TokenHasher.orderedHash(r.refreshToken())).orElseThrow().revokedAt()).isNotNull();
        assertThatThrownBy(() -> w.refreshGrant.handle(web, Map.of("refresh_token", r.refreshToken()), "203.0.113.9"))
                .isInstanceOfSatisfying(OAuthException.class, e -> assertThat(e.error()).isEqualTo(OAuthError.INVALID_GRANT));
    }

    @Test
    void aCodeFromAnEndedLoginSessionGetsNoTokens() {
        Map<String, String> params = TestWorld.redeem(w.code(web, Set.of("openid")));
        w.revoker.revokeSession("session-1");
        refused(web, params, OAuthError.INVALID_GRANT).hasMessageContaining("signed out");
    }

    @Test
    void theTokensOfACodeNameItsLoginSession() throws Exception {
        TokenResponse r = w.codeGrant.handle(web, TestWorld.redeem(w.code(web, Set.of("openid", "offline_access"))), "203.0.113.9");
        assertThat(SignedJWT.parse(r.idToken()).getJWTClaimsSet().getStringClaim("sid")).isEqualTo("session-1");
        assertThat(SignedJWT.parse(r.accessToken()).getJWTClaimsSet().getStringClaim("sid")).isEqualTo("session-1");
        assertThat(w.grants.listForSession("session-1")).extracting(g -> g.clientId()).containsExactly(web.clientId());
        w.revoker.revokeSession("session-1");
        assertThat(w.validator.validate(r.accessToken())).as("a JWT of an ended session is refused").isEmpty();
    }

    @Test
    void aReplayedCodeRevokesOpaqueAccessTokensToo() {
        Client opaque = TestWorld.client("opaque", AccessTokenFormat.OPAQUE, Set.of("authorization_code"), List.of(TestWorld.REDIRECT));
        Map<String, String> params = TestWorld.redeem(w.code(opaque, Set.of("read")));
        TokenResponse first = w.codeGrant.handle(opaque, params, "203.0.113.9");
        assertThat(w.tokens.find(TokenHasher.orderedHash(first.accessToken())).orElseThrow().kind()).isEqualTo(TokenKind.ACCESS);
        assertThat(w.validator.validate(first.accessToken())).isPresent();
        refused(opaque, params, OAuthError.INVALID_GRANT);
        assertThat(w.validator.validate(first.accessToken())).isEmpty();
    }

    @Test
    void unknownMissingAndExpiredCodesAreRefused() {
        refused(web, TestWorld.redeem("no-such-code"), OAuthError.INVALID_GRANT);
        refused(web, with(TestWorld.redeem("x"), "code", null), OAuthError.INVALID_REQUEST);
        Map<String, String> params = TestWorld.redeem(w.code(web, Set.of("read")));
        w.clock.advance(TestWorld.CODE_LIFETIME);
        refused(web, params, OAuthError.INVALID_GRANT).hasMessageContaining("expired");
    }

    @Test
    void aCodeIsBoundToItsClient() {
        Map<String, String> params = TestWorld.redeem(w.code(web, Set.of("read")));
        refused(TestWorld.client("other"), params, OAuthError.INVALID_GRANT).hasMessageContaining("invalid");
        assertThat(w.codeGrant.handle(web, params, "203.0.113.9").accessToken()).as("another client's attempt burns nothing").isNotNull();
    }

    @Test
    void aBoundRedirectUriMustBeRepeatedExactly() {
        refused(web, with(TestWorld.redeem(w.code(web, Set.of("read"))), "redirect_uri", null), OAuthError.INVALID_GRANT);
        refused(web, with(TestWorld.redeem(w.code(web, Set.of("read"))), "redirect_uri", TestWorld.REDIRECT + "/"),
                OAuthError.INVALID_GRANT);
        refused(web, with(TestWorld.redeem(w.code(web, Set.of("read"))), "redirect_uri", "https://evil.example/callback"),
                OAuthError.INVALID_GRANT).hasMessageContaining("redirect_uri");
    }

    @Test
    void anUnboundCodeTakesNoRedirectUriOrTheSingleRegisteredOne() {
        String a = w.codeIssuer.issue(TestWorld.request(web, Set.of("read"), false), w.alice.id(), w.clock.instant(), null, List.of());
        assertThat(w.codeGrant.handle(web, with(TestWorld.redeem(a), "redirect_uri", null), "203.0.113.9").accessToken()).isNotNull();
        String b = w.codeIssuer.issue(TestWorld.request(web, Set.of("read"), false), w.alice.id(), w.clock.instant(), null, List.of());
        assertThat(w.codeGrant.handle(web, TestWorld.redeem(b), "203.0.113.9").accessToken()).isNotNull();
        String c = w.codeIssuer.issue(TestWorld.request(web, Set.of("read"), false), w.alice.id(), w.clock.instant(), null, List.of());
        refused(web, with(TestWorld.redeem(c), "redirect_uri", "https://app.example.com/other"), OAuthError.INVALID_GRANT);
    }

    @Test
    void theCodeVerifierMustMatchTheChallenge() {
        refused(web, with(TestWorld.redeem(w.code(web, Set.of("read"))), "code_verifier", null), OAuthError.INVALID_GRANT)
                .hasMessageContaining("code_verifier");
        refused(web, with(TestWorld.redeem(w.code(web, Set.of("read"))), "code_verifier", TestWorld.VERIFIER.replace('d', 'D')),
                OAuthError.INVALID_GRANT);
        refused(web, with(TestWorld.redeem(w.code(web, Set.of("read"))), "code_verifier", TestWorld.CHALLENGE),
                OAuthError.INVALID_GRANT);
    }

    @Test
    void aVerifierForACodeWithoutChallengeIsRefused() {
        Instant now = w.clock.instant();
        w.codes.save(new AuthorizationCode(TokenHasher.hash("legacy-code"), "g-legacy", "web", w.alice.id(), TestWorld.REDIRECT,
                Set.of("read"), null, null, null, now, null, Map.of(), now, now.plusSeconds(60)));
        refused(web, TestWorld.redeem("legacy-code"), OAuthError.INVALID_GRANT).as("PKCE downgrade (RFC 9700 §4.8.2)");
    }

    @Test
    void aCodeWithoutChallengeOfAClientRegisteredWithoutPkceIsRedeemedOnlyWithoutVerifier() {
        Client rp = Client.builder().clientId("rp").metadata(ClientMetadata.builder().clientName("rp")
                .tokenEndpointAuthMethod(web.authMethod()).grantTypes(web.grantTypes()).redirectUris(web.redirectUris())
                .scopes(web.scopes()).accessTokenFormat(web.accessTokenFormat()).pkceRequired(false).build()).secretHash("hash")
                .createdAt(web.createdAt()).updatedAt(web.updatedAt()).version(1).build();
        Instant now = w.clock.instant();
        for (String value : List.of("rp-code-1", "rp-code-2")) {
            w.codes.save(new AuthorizationCode(TokenHasher.hash(value), "g-" + value, "rp", w.alice.id(), TestWorld.REDIRECT,
                    Set.of("read"), null, null, null, now, null, Map.of(), now, now.plusSeconds(60)));
        }
        refused(rp, TestWorld.redeem("rp-code-1"), OAuthError.INVALID_GRANT).hasMessageContaining("RFC 9700 section 2.1.1");
        assertThat(w.codeGrant.handle(rp, with(TestWorld.redeem("rp-code-2"), "code_verifier", null), "203.0.113.9").accessToken())
                .isNotNull();
    }

    @Test
    void aPlainChallengeIsVerifiedAsPlain() {
        Instant now = w.clock.instant();
        w.codes.save(new AuthorizationCode(TokenHasher.hash("plain-code"), "g-plain", "web", w.alice.id(), TestWorld.REDIRECT,
                Set.of("read"), TestWorld.VERIFIER, "plain", null, now, null, Map.of(), now, now.plusSeconds(60)));
        assertThat(w.codeGrant.handle(web, TestWorld.redeem("plain-code"), "203.0.113.9").accessToken()).isNotNull();
    }

    @Test
    void aDisabledOrDeletedUserGetsNoTokens() {
        Map<String, String> params = TestWorld.redeem(w.code(web, Set.of("read")));
        User a = w.alice;
        w.users.update(new User(a.id(), a.username(), a.passwordHash(), a.claims(), a.authorities(), true, a.createdAt(), a.updatedAt()));
        refused(web, params, OAuthError.INVALID_GRANT).hasMessageContaining("user");
        Map<String, String> again = TestWorld.redeem(w.code(web, Set.of("read")));
        w.users.delete(a.id());
        refused(web, again, OAuthError.INVALID_GRANT);
    }

    @Test
    void timesSurviveMillisecondStorage() {
        w.clock.advance(Duration.ofNanos(999_999));
        TokenResponse r = w.codeGrant.handle(web, TestWorld.redeem(w.code(web, Set.of("read", "offline_access"))), "203.0.113.9");
        assertThat(w.refreshGrant.handle(web, Map.of("refresh_token", r.refreshToken()), "203.0.113.9").accessToken()).isNotNull();
    }
}
