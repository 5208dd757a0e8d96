package dev.cell.grant;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.cell.client.Client;
import dev.cell.support.TestWorld;
import dev.cell.token.AccessTokenFormat;
import dev.cell.token.StoredToken;
import dev.cell.token.TokenHasher;
import dev.cell.token.TokenKind;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The one issuer every grant ends in, and its one refresh rule. */
class TokenIssuerTest {
    private final TestWorld w = new TestWorld();
    private final Client web = TestWorld.client("web");
    private final Client opaque = TestWorld.client("opaque", AccessTokenFormat.OPAQUE, Set.of("authorization_code", "refresh_token"),
            List.of(TestWorld.REDIRECT));
    private final Client noRefresh = TestWorld.client("no-refresh", AccessTokenFormat.JWT, Set.of("authorization_code"),
            List.of(TestWorld.REDIRECT));

    private TokenResponse issue(Client client, Issuance what) {
        return w.tokenIssuer.issue(new TokenRequest(client, "authorization_code", Map.of(), "203.0.113.9", List.of(), null), what);
    }

    private static Issuance alice(Set<String> scopes) {
        return Issuance.accessToken("user-alice", scopes, "grant-1", Map.of("auth_time", 1_700_000_000L));
    }

    @Test
    void theRefreshRuleNeedsTheSwitchTheClientsGrantAndOfflineAccessForOpenId() {
        assertThat(TokenIssuer.refreshAllowed(true, web, Set.of("read"))).as("plain OAuth").isTrue();
        assertThat(TokenIssuer.refreshAllowed(true, web, Set.of())).as("no scope").isTrue();
        assertThat(TokenIssuer.refreshAllowed(true, web, Set.of("openid", "offline_access"))).isTrue();
        assertThat(TokenIssuer.refreshAllowed(true, web, Set.of("openid", "read"))).as("OIDC Core section 11").isFalse();
        assertThat(TokenIssuer.refreshAllowed(false, web, Set.of("read"))).as("switched off").isFalse();
        assertThat(TokenIssuer.refreshAllowed(true, noRefresh, Set.of("read", "offline_access"))).as("client lacks the grant").isFalse();
    }

    @Test
    void aNewFamilyFollowsTheRuleAndCarriesTheGrantScopesAndClaims() {
        TokenResponse r = issue(web, alice(Set.of("read")).withRefresh(Issuance.Refresh.NEW));
        StoredToken refresh = w.tokens.find(TokenHasher.orderedHash(r.refreshToken())).orElseThrow();
        assertThat(refresh.kind()).isEqualTo(TokenKind.REFRESH);
        assertThat(refresh.grantId()).isEqualTo("grant-1");
        assertThat(refresh.userId()).isEqualTo("user-alice");
        assertThat(refresh.scopes()).containsExactly("read");
        assertThat(refresh.claims()).containsEntry("auth_time", 1_700_000_000L);
        assertThat(issue(web, alice(Set.of("openid")).withRefresh(Issuance.Refresh.NEW)).refreshToken()).isNull();
        assertThat(issue(noRefresh, alice(Set.of("read")).withRefresh(Issuance.Refresh.NEW)).refreshToken()).isNull();
        assertThat(new TestWorld(false).tokenIssuer.issue(new TokenRequest(web, "password", Map.of(), null, List.of(), null),
                alice(Set.of("read")).withRefresh(Issuance.Refresh.NEW)).refreshToken()).as("switched off").isNull();
    }

    @Test
    void noneMeansNoneAndRotatedIsPassedThrough() {
        assertThat(issue(web, alice(Set.of("read", "offline_access"))).refreshToken()).isNull();
        assertThat(issue(web, alice(Set.of("read")).withRefresh(new Issuance.Refresh.Rotated("rotated-value"))).refreshToken())
                .isEqualTo("rotated-value");
    }

    @Test
    void theResponseIsBearerWithASortedScopeAndTheSubject() {
        TokenResponse r = issue(web, alice(Set.of("write", "read")));
        assertThat(r.tokenType()).isEqualTo("Bearer");
        assertThat(r.expiresIn()).isEqualTo(TestWorld.ACCESS_LIFETIME.toSeconds());
        assertThat(r.scope()).isEqualTo("read write");
        assertThat(r.subject()).isEqualTo("user-alice");
        assertThat(issue(web, alice(Set.of())).scope()).isNull();
        assertThat(issue(web, Issuance.accessToken(null, Set.of("read"), "g-2", Map.of())).subject()).as("the client's own token")
                .isEqualTo("web");
    }

    @Test
    void anIdTokenNeedsTheGrantsContentAndTheOpenIdScope() throws Exception {
        Issuance.IdToken content = new Issuance.IdToken("n-1", Instant.ofEpochSecond(1_700_000_000L), Map.of("acr", "urn:x"));
        TokenResponse r = issue(web, alice(Set.of("openid")).withIdToken(content));
        JWTClaimsSet id = w.verified(r.idToken()).getJWTClaimsSet();
        assertThat(id.getSubject()).isEqualTo("user-alice");
        assertThat(id.getStringClaim("nonce")).isEqualTo("n-1");
        assertThat(id.getLongClaim("auth_time")).isEqualTo(1_700_000_000L);
        assertThat(id.getStringClaim("acr")).isEqualTo("urn:x");
        assertThat(id.getStringClaim("at_hash")).isNotNull();
        assertThat(issue(web, alice(Set.of("read")).withIdToken(content)).idToken()).as("no openid").isNull();
        assertThat(issue(web, alice(Set.of("openid"))).idToken()).as("the grant gives none").isNull();
    }

    @Test
    void theAudienceIsTheIssuancesElseTheClientsDefault() throws Exception {
        JWTClaimsSet dflt = w.verified(issue(web, alice(Set.of("read"))).accessToken()).getJWTClaimsSet();
        assertThat(dflt.getAudience()).containsExactly("web");
        JWTClaimsSet two = w.verified(issue(web, alice(Set.of("read")).withResources(List.of("https://a.example/", "https://b.example/")))
                .accessToken()).getJWTClaimsSet();
        assertThat(two.getAudience()).containsExactly("https://a.example/", "https://b.example/");
        issue(opaque, alice(Set.of("read")).withResources(List.of("https://a.example/")));
        assertThat(w.tokens.all()).filteredOn(t -> t.kind() == TokenKind.ACCESS).singleElement()
                .satisfies(t -> assertThat(t.audiences()).containsExactly("https://a.example/"));
    }

    @Test
    void theRefreshTokenKeepsEveryResourceOfTheGrantWhileTheAccessTokenHasItsOwn() throws Exception {
        TokenResponse r = issue(web, alice(Set.of("read")).withRefresh(Issuance.Refresh.NEW)
                .withResources(List.of("https://a.example/", "https://b.example/"), List.of("https://b.example/")));
        assertThat(w.verified(r.accessToken()).getJWTClaimsSet().getAudience()).containsExactly("https://b.example/");
        assertThat(w.tokens.find(TokenHasher.orderedHash(r.refreshToken())).orElseThrow().audiences())
                .containsExactly("https://a.example/", "https://b.example/");
    }

    @Test
    void tokensStoredForAGrantRevokedMeanwhileAreRevokedToo() {
        w.revoker.revoke("grant-1");
        TokenResponse r = issue(opaque, alice(Set.of("read")).withRefresh(Issuance.Refresh.NEW));
        assertThat(w.validator.validate(r.accessToken())).isEmpty();
        assertThat(w.tokens.find(TokenHasher.orderedHash(r.refreshToken())).orElseThrow().revokedAt()).isNotNull();
    }
}
