package dev.cell.grant;

import static dev.cell.grant.ResourcesTest.API;
import static dev.cell.grant.ResourcesTest.MCP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jwt.SignedJWT;
import dev.cell.authorize.AuthorizationRequest;
import dev.cell.client.Client;
import dev.cell.error.OAuthError;
import dev.cell.error.OAuthException;
import dev.cell.support.TestWorld;
import dev.cell.token.TokenHasher;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** RFC 8707 through the code and refresh grants: aud is exactly what was granted, and later requests only narrow it. */
class ResourceIndicatorGrantTest {
    private static final String OTHER = "https://other.example/api";
    private final TestWorld w = new TestWorld();
    private final Client web = ResourcesTest.withAudiences(TestWorld.client("web"), List.of(API, MCP, OTHER));

    private String code(List<String> resources) {
        AuthorizationRequest r = TestWorld.request(web, Set.of("read", "offline_access"), true);
        AuthorizationRequest withResources = new AuthorizationRequest(r.clientId(), r.redirectUri(), r.redirectUriGiven(), r.responseType(),
                r.responseMode(), r.scopes(), r.state(), r.nonce(), r.codeChallenge(), r.codeChallengeMethod(), r.prompt(), r.maxAge(),
                r.loginHint(), r.uiLocales(), r.claims(), r.acrValues(), resources);
        return w.codeIssuer.issue(withResources, w.alice.id(), w.clock.instant(), null, List.of());
    }

    private static List<String> aud(TokenResponse r) throws Exception {
        return SignedJWT.parse(r.accessToken()).getJWTClaimsSet().getAudience();
    }

    private TokenResponse refresh(String token, List<String> resources) {
        return w.refreshGrant.handle(web, Map.of("refresh_token", token), "203.0.113.9", resources);
    }

    private static void invalidTarget(Runnable r) {
        assertThatThrownBy(r::run).isInstanceOfSatisfying(OAuthException.class, e -> assertThat(e.error()).isEqualTo(OAuthError.INVALID_TARGET));
    }

    @Test
    void theResourceOnEveryRequestIsTheAudienceEachTime() throws Exception {
        TokenResponse first = w.codeGrant.handle(web, TestWorld.redeem(code(List.of(MCP))), "203.0.113.9", List.of(MCP));
        assertThat(aud(first)).containsExactly(MCP);
        TokenResponse second = refresh(first.refreshToken(), List.of(MCP));
        assertThat(aud(second)).containsExactly(MCP);
        assertThat(aud(refresh(second.refreshToken(), List.of()))).containsExactly(MCP);
    }

    @Test
    void theCodeExchangeAndEachRefreshMayNarrowButTheGrantKeepsAll() throws Exception {
        TokenResponse first = w.codeGrant.handle(web, TestWorld.redeem(code(List.of(API, MCP))), "203.0.113.9", List.of(API));
        assertThat(aud(first)).containsExactly(API);
        assertThat(w.tokens.find(TokenHasher.orderedHash(first.refreshToken())).orElseThrow().audiences()).containsExactly(API, MCP);
        TokenResponse second = refresh(first.refreshToken(), List.of(MCP));
        assertThat(aud(second)).containsExactly(MCP);
        assertThat(aud(refresh(second.refreshToken(), List.of()))).containsExactly(API, MCP);
    }

    @Test
    void wideningIsInvalidTargetAndARefusedRefreshCostsNoToken() throws Exception {
        invalidTarget(() -> w.codeGrant.handle(web, TestWorld.redeem(code(List.of(API))), "203.0.113.9", List.of(MCP)));
        TokenResponse first = w.codeGrant.handle(web, TestWorld.redeem(code(List.of(API))), "203.0.113.9");
        assertThat(aud(first)).containsExactly(API);
        invalidTarget(() -> refresh(first.refreshToken(), List.of(MCP)));
        invalidTarget(() -> refresh(first.refreshToken(), List.of(API, MCP)));
        assertThat(aud(refresh(first.refreshToken(), List.of(API)))).as("the refused refreshes consumed nothing").containsExactly(API);
    }

    @Test
    void withoutResourceTheTokenHasTheDefaultAudienceAndARefreshMayPickOne() throws Exception {
        TokenResponse first = w.codeGrant.handle(web, TestWorld.redeem(code(List.of())), "203.0.113.9");
        assertThat(aud(first)).as("the client's registered audiences").containsExactly(API, MCP, OTHER);
        assertThat(aud(refresh(first.refreshToken(), List.of(OTHER)))).containsExactly(OTHER);
        TokenResponse atExchange = w.codeGrant.handle(web, TestWorld.redeem(code(List.of())), "203.0.113.9", List.of(MCP));
        assertThat(aud(atExchange)).containsExactly(MCP);
        invalidTarget(() -> refresh(atExchange.refreshToken(), List.of(OTHER)));
    }

    @Test
    void aResourceTheClientLostIsDroppedAndAGrantLeftWithNoneIsRefused() throws Exception {
        TokenResponse both = w.codeGrant.handle(web, TestWorld.redeem(code(List.of(API, MCP))), "203.0.113.9");
        TokenResponse onlyMcp = w.codeGrant.handle(web, TestWorld.redeem(code(List.of(MCP))), "203.0.113.9");
        Client narrowed = ResourcesTest.withAudiences(web, List.of(API));
        assertThat(aud(w.refreshGrant.handle(narrowed, Map.of("refresh_token", both.refreshToken()), "203.0.113.9"))).containsExactly(API);
        invalidTarget(() -> w.refreshGrant.handle(narrowed, Map.of("refresh_token", onlyMcp.refreshToken()), "203.0.113.9"));
    }
}
