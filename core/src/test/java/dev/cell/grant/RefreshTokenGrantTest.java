package dev.cell.grant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.cell.account.User;
import dev.cell.client.Client;
import dev.cell.error.OAuthError;
import dev.cell.error.OAuthException;
import dev.cell.oidc.IdTokenIssuer;
import dev.cell.support.TestWorld;
import dev.cell.token.TokenHasher;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

class RefreshTokenGrantTest {
    private final TestWorld w = new TestWorld();
    private final Client web = TestWorld.client("web");
    private final Instant authTime = w.clock.instant().minusSeconds(30);
    private final TokenResponse first = w.codeGrant.handle(web,
            TestWorld.redeem(w.code(web, Set.of("openid", "offline_access", "profile", "read"))), "203.0.113.9");

    private TokenResponse refresh(String token, String scope) {
        return w.refreshGrant.handle(web, scope == null ? Map.of("refresh_token", token) : Map.of("refresh_token", token, "scope", scope), "203.0.113.9");
    }

    private AbstractThrowableAssert<?, ? extends Throwable> refused(Client client, String token, String scope, OAuthError error) {
        Map<String, String> p = scope == null ? Map.of("refresh_token", token) : Map.of("refresh_token", token, "scope", scope);
        return assertThatThrownBy(() -> w.refreshGrant.handle(client, p, "203.0.113.9"))
                .isInstanceOfSatisfying(OAuthException.class, e -> assertThat(e.error()).isEqualTo(error));
    }

    @Test
    void aRefreshRotatesTheTokenAndKeepsTheGrant() {
        TokenResponse second = refresh(first.refreshToken(), null);
        assertThat(second.refreshToken()).isNotNull().isNotEqualTo(first.refreshToken());
        assertThat(second.scope()).isEqualTo("offline_access openid profile read");
        String grant = w.validator.validate(first.accessToken()).orElseThrow().grantId();
        assertThat(w.validator.validate(second.accessToken()).orElseThrow().grantId()).isEqualTo(grant);
        assertThat(w.tokens.find(TokenHasher.orderedHash(first.refreshToken())).orElseThrow().consumedAt()).isNotNull();
    }

    @Test
    void reusingARotatedTokenRevokesTheWholeFamily() {
        TokenResponse second = refresh(first.refreshToken(), null);
        refused(web, first.refreshToken(), null, OAuthError.INVALID_GRANT).hasMessage("refresh token reuse: the grant is revoked");
        refused(web, second.refreshToken(), null, OAuthError.INVALID_GRANT);
        assertThat(w.validator.validate(second.accessToken())).isEmpty();
        assertThat(w.validator.validate(first.accessToken())).isEmpty();
    }

    @Test
    void reuseIsDetectedEvenWhenTheReplayAsksForMoreScope() {
        TokenResponse second = refresh(first.refreshToken(), null);
        refused(web, first.refreshToken(), "admin", OAuthError.INVALID_GRANT).hasMessageContaining("reuse");
        refused(web, second.refreshToken(), null, OAuthError.INVALID_GRANT);
    }

    @Test
    void theScopeMayNarrowButNotWiden() {
        TokenResponse narrow = refresh(first.refreshToken(), "read");
        assertThat(narrow.scope()).isEqualTo("read");
        assertThat(w.validator.validate(narrow.accessToken()).orElseThrow().scopes()).containsExactly("read");
        assertThat(narrow.idToken()).as("no openid in the narrowed scope").isNull();
        assertThat(w.tokens.find(TokenHasher.orderedHash(narrow.refreshToken())).orElseThrow().scopes())
                .as("the new refresh token keeps the original scope (RFC 6749 §6)")
                .containsExactlyInAnyOrder("openid", "offline_access", "profile", "read");
        TokenResponse full = refresh(narrow.refreshToken(), null);
        assertThat(full.scope()).isEqualTo("offline_access openid profile read");
        refused(web, full.refreshToken(), "read write", OAuthError.INVALID_SCOPE);
        refused(web, full.refreshToken(), "email", OAuthError.INVALID_SCOPE);
        assertThat(refresh(full.refreshToken(), "profile").scope()).as("a refused request did not use the token up").isEqualTo("profile");
    }

    @Test
    void anIdTokenIsIssuedAgainWithTheOriginalAuthTime() throws Exception {
        w.clock.advance(Duration.ofHours(2));
        TokenResponse second = refresh(first.refreshToken(), null);
        JWTClaimsSet id = w.verified(second.idToken()).getJWTClaimsSet();
        assertThat(id.getSubject()).isEqualTo(w.alice.id());
        assertThat(id.getAudience()).containsExactly("web");
        assertThat(id.getLongClaim("auth_time")).isEqualTo(authTime.getEpochSecond());
        assertThat(id.getClaim("nonce")).isNull();
        assertThat(id.getStringClaim("at_hash")).isEqualTo(IdTokenIssuer.atHash(second.accessToken()));
        assertThat(id.getIssueTime().toInstant()).isAfter(authTime.plus(Duration.ofHours(1)));
        assertThat(w.validator.validate(second.accessToken()).orElseThrow().claims().get("auth_time")).isEqualTo(authTime.getEpochSecond());
    }

    @Test
    void anotherClientCannotUseTheToken() {
        refused(TestWorld.client("other"), first.refreshToken(), null, OAuthError.INVALID_GRANT);
        assertThat(refresh(first.refreshToken(), null).accessToken()).as("nor use it up").isNotNull();
    }

    @Test
    void unknownMissingAndAccessTokensAreRefused() {
        refused(web, "nonsense", null, OAuthError.INVALID_GRANT);
        refused(web, first.accessToken(), null, OAuthError.INVALID_GRANT);
        assertThatThrownBy(() -> w.refreshGrant.handle(web, Map.of(), "203.0.113.9"))
                .isInstanceOfSatisfying(OAuthException.class, e -> assertThat(e.error()).isEqualTo(OAuthError.INVALID_REQUEST));
    }

    @Test
    void anIdleTokenExpires() {
        w.clock.advance(TestWorld.IDLE);
        refused(web, first.refreshToken(), null, OAuthError.INVALID_GRANT);
    }

    @Test
    void aDisabledUserEndsTheGrant() {
        User a = w.alice;
        w.users.update(new User(a.id(), a.username(), a.passwordHash(), a.claims(), a.authorities(), true, a.createdAt(), a.updatedAt()));
        refused(web, first.refreshToken(), null, OAuthError.INVALID_GRANT).hasMessageContaining("user");
        assertThat(w.validator.validate(first.accessToken())).isEmpty();
        w.users.update(a);
        assertThat(w.tokens.all()).allSatisfy(t -> assertThat(t.revokedAt()).isNotNull());
    }
}
