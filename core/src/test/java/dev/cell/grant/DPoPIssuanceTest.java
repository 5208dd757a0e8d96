package dev.cell.grant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.cell.client.Client;
import dev.cell.client.ClientAuthMethod;
import dev.cell.dpop.DPoPBinding;
import dev.cell.dpop.DPoPProof;
import dev.cell.error.OAuthError;
import dev.cell.error.OAuthException;
import dev.cell.support.TestWorld;
import dev.cell.token.AccessTokenFormat;
import dev.cell.token.TokenHasher;
import dev.cell.token.TokenKind;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** RFC 9449 §5, §6: what a verified proof changes in the tokens the one issuer makes, and in later refreshes. */
class DPoPIssuanceTest {
    private static final DPoPProof KEY = new DPoPProof("0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I");
    private static final DPoPProof OTHER_KEY = new DPoPProof("Kvk8ULj5PhlWJ1a0Fnc8kDXVkQ-uKPsTrFxhYq6ZuEM");
    private final TestWorld w = new TestWorld();
    private final Client web = TestWorld.client("web");
    private final Client spa = publicClient(TestWorld.client("spa"));
    private final Client opaque = TestWorld.client("opaque", AccessTokenFormat.OPAQUE, Set.of("authorization_code", "refresh_token"),
            List.of(TestWorld.REDIRECT));

    static Client publicClient(Client c) {
        return c.toBuilder().secretHash(null).metadata(m -> m.tokenEndpointAuthMethod(ClientAuthMethod.NONE)).updatedAt(Instant.now()).build();
    }

    private TokenResponse redeem(Client client, DPoPProof proof) {
        return w.codeGrant.handle(client, TestWorld.redeem(w.code(client, Set.of("openid", "offline_access", "read"))), "203.0.113.9",
                List.of(), proof);
    }

    private TokenResponse refresh(Client client, String token, DPoPProof proof) {
        return w.refreshGrant.handle(client, Map.of("refresh_token", token), "203.0.113.9", List.of(), proof);
    }

    @Test
    void aProofBindsTheJwtAccessTokenAndMakesItDpop() throws Exception {
        TokenResponse r = redeem(web, KEY);
        assertThat(r.tokenType()).isEqualTo("DPoP");
        JWTClaimsSet at = w.verified(r.accessToken()).getJWTClaimsSet();
        assertThat(at.getJSONObjectClaim("cnf")).containsEntry("jkt", KEY.jkt());
        assertThat(w.validator.validate(r.accessToken()).orElseThrow().claims()).satisfies(c -> assertThat(DPoPBinding.jkt(c)).isEqualTo(KEY.jkt()));
        TokenResponse bearer = redeem(web, null);
        assertThat(bearer.tokenType()).isEqualTo("Bearer");
        assertThat(w.verified(bearer.accessToken()).getJWTClaimsSet().getClaim("cnf")).isNull();
    }

    @Test
    void anOpaqueAccessTokenIsBoundInItsStoredClaims() {
        TokenResponse r = redeem(opaque, KEY);
        assertThat(r.tokenType()).isEqualTo("DPoP");
        assertThat(DPoPBinding.jkt(w.validator.validate(r.accessToken()).orElseThrow().claims())).isEqualTo(KEY.jkt());
        assertThat(w.tokens.all()).filteredOn(t -> t.kind() == TokenKind.ACCESS).singleElement()
                .satisfies(t -> assertThat(DPoPBinding.jkt(t.claims())).isEqualTo(KEY.jkt()));
    }

    @Test
    void aPublicClientsRefreshTokenIsBoundAndRefreshesOnlyWithItsKey() {
        TokenResponse first = redeem(spa, KEY);
        assertThat(DPoPBinding.jkt(w.tokens.find(TokenHasher.orderedHash(first.refreshToken())).orElseThrow().claims())).isEqualTo(KEY.jkt());
        assertThatThrownBy(() -> refresh(spa, first.refreshToken(), null)).isInstanceOfSatisfying(OAuthException.class,
                e -> assertThat(e.error()).isEqualTo(OAuthError.INVALID_DPOP_PROOF));
        assertThatThrownBy(() -> refresh(spa, first.refreshToken(), OTHER_KEY)).isInstanceOfSatisfying(OAuthException.class,
                e -> assertThat(e.error()).isEqualTo(OAuthError.INVALID_GRANT));
        TokenResponse second = refresh(spa, first.refreshToken(), KEY);
        assertThat(second.tokenType()).as("the refused attempts consumed nothing").isEqualTo("DPoP");
        assertThat(DPoPBinding.jkt(w.tokens.find(TokenHasher.orderedHash(second.refreshToken())).orElseThrow().claims()))
                .as("the rotated token stays bound").isEqualTo(KEY.jkt());
    }

    @Test
    void aCodeBoundByDpopJktIsRedeemedOnlyWithAProofOfThatKey() {
        for (DPoPProof presented : new DPoPProof[] {null, OTHER_KEY}) {
            dev.cell.authorize.AuthorizationRequest r = TestWorld.request(web, Set.of("read"), true);
            String code = w.codeIssuer.issue(new dev.cell.authorize.AuthorizationRequest(r.clientId(), r.redirectUri(), true, "code",
                    r.responseMode(), r.scopes(), r.state(), r.nonce(), r.codeChallenge(), r.codeChallengeMethod(), r.prompt(), r.maxAge(),
                    r.loginHint(), r.uiLocales(), r.claims(), r.acrValues(), List.of(), KEY.jkt()), w.alice.id(), w.clock.instant(), null,
                    List.of());
            assertThatThrownBy(() -> w.codeGrant.handle(web, TestWorld.redeem(code), "203.0.113.9", List.of(), presented))
                    .isInstanceOfSatisfying(OAuthException.class, e -> assertThat(e.error())
                            .isEqualTo(presented == null ? OAuthError.INVALID_DPOP_PROOF : OAuthError.INVALID_GRANT));
        }
        dev.cell.authorize.AuthorizationRequest r = TestWorld.request(web, Set.of("read"), true);
        String code = w.codeIssuer.issue(new dev.cell.authorize.AuthorizationRequest(r.clientId(), r.redirectUri(), true, "code",
                r.responseMode(), r.scopes(), r.state(), r.nonce(), r.codeChallenge(), r.codeChallengeMethod(), r.prompt(), r.maxAge(),
                r.loginHint(), r.uiLocales(), r.claims(), r.acrValues(), List.of(), KEY.jkt()), w.alice.id(), w.clock.instant(), null, List.of());
        assertThat(w.codeGrant.handle(web, TestWorld.redeem(code), "203.0.113.9", List.of(), KEY).tokenType()).isEqualTo("DPoP");
    }

    @Test
    void aConfidentialClientsRefreshTokenIsNotBoundAndEachRefreshBindsAnew() throws Exception {
        TokenResponse first = redeem(web, KEY);
        assertThat(DPoPBinding.jkt(w.tokens.find(TokenHasher.orderedHash(first.refreshToken())).orElseThrow().claims())).isNull();
        TokenResponse bearer = refresh(web, first.refreshToken(), null);
        assertThat(bearer.tokenType()).isEqualTo("Bearer");
        assertThat(w.verified(bearer.accessToken()).getJWTClaimsSet().getClaim("cnf")).isNull();
        TokenResponse rebound = refresh(web, bearer.refreshToken(), OTHER_KEY);
        assertThat(w.verified(rebound.accessToken()).getJWTClaimsSet().getJSONObjectClaim("cnf")).containsEntry("jkt", OTHER_KEY.jkt());
    }
}
