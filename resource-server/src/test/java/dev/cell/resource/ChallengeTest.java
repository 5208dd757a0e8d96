package dev.cell.resource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** RFC 6750 §3 challenges and the builder's refusals of unsafe settings. */
class ChallengeTest {
    final ResourceServer rs = ResourceServer.forIssuer("https://auth.test").audience("https://api.test").realm("notes").build();

    @Test
    void aMissingTokenGetsABareChallenge() {
        assertThat(rs.challenge(new TokenException(TokenError.MISSING_TOKEN, "no bearer token"))).isEqualTo("Bearer realm=\"notes\"");
    }

    @Test
    void anInvalidTokenGetsTheErrorAndASafeDescription() {
        TokenException e = new TokenException(TokenError.EXPIRED, "expired \"yesterday\"\n\\ é");
        assertThat(rs.challenge(e)).isEqualTo("Bearer realm=\"notes\", error=\"invalid_token\", error_description=\"expired  yesterday     \"");
        assertThat(e.status()).isEqualTo(401);
    }

    @Test
    void insufficientScopeNamesTheScope() {
        assertThat(rs.challenge(TokenException.insufficientScope("notes.write"))).isEqualTo(
                "Bearer realm=\"notes\", error=\"insufficient_scope\", error_description=\"the token lacks the scope notes.write\", scope=\"notes.write\"");
    }

    @Test
    void anIllFormedRequestIsInvalidRequest() {
        assertThat(rs.challenge(new TokenException(TokenError.INVALID_REQUEST, "bad"))).contains("error=\"invalid_request\"");
        assertThat(TokenError.INVALID_REQUEST.status()).isEqualTo(400);
    }

    @Test
    void anAuthorizationServerFailureGetsNoChallenge() {
        assertThat(rs.challenge(new TokenException(TokenError.UPSTREAM_TIMEOUT, "slow"))).isNull();
    }

    @Test
    void theRealmDefaultsToTheAudience() {
        ResourceServer plain = ResourceServer.forIssuer("https://auth.test").audience("https://api.test").build();
        assertThat(plain.challenge(new TokenException(TokenError.MISSING_TOKEN, "none"))).isEqualTo("Bearer realm=\"https://api.test\"");
    }

    @Test
    void anAudienceIsRequiredAndTheIssuerMustBeHttp() {
        assertThatThrownBy(() -> ResourceServer.forIssuer("https://auth.test").build()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> ResourceServer.forIssuer("ftp://auth.test")).isInstanceOf(IllegalArgumentException.class);
    }
}
