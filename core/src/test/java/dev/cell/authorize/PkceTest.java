package dev.cell.authorize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PkceTest {
    /** RFC 7636 Appendix B. */
    private static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    private static final String CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

    @Test
    void s256MatchesTheRfcVector() {
        assertThat(Pkce.s256(VERIFIER)).isEqualTo(CHALLENGE);
        assertThat(Pkce.verify(VERIFIER, CHALLENGE, "S256")).isTrue();
    }

    @Test
    void aWrongOrMalformedVerifierFails() {
        assertThat(Pkce.verify(VERIFIER.replace('d', 'e'), CHALLENGE, "S256")).isFalse();
        assertThat(Pkce.verify(null, CHALLENGE, "S256")).isFalse();
        assertThat(Pkce.verify("short", Pkce.s256("short"), "S256")).as("under 43 characters").isFalse();
        String tooLong = "a".repeat(129);
        assertThat(Pkce.verify(tooLong, Pkce.s256(tooLong), "S256")).isFalse();
        String badChars = VERIFIER + "+/";
        assertThat(Pkce.verify(badChars, Pkce.s256(badChars), "S256")).isFalse();
    }

    @Test
    void theVerifierIsNeverCheckedAgainstTheChallengeUnderAnotherMethod() {
        assertThat(Pkce.verify(CHALLENGE, CHALLENGE, "S256")).as("sending the challenge itself").isFalse();
        assertThat(Pkce.verify(VERIFIER, CHALLENGE, "plain")).isFalse();
        assertThat(Pkce.verify(VERIFIER, VERIFIER, "plain")).isTrue();
        assertThat(Pkce.verify(VERIFIER, VERIFIER, null)).as("no method recorded: fail closed").isFalse();
        assertThat(Pkce.verify(VERIFIER, null, "S256")).as("no challenge recorded: downgrade refused").isFalse();
        assertThat(Pkce.verify(VERIFIER, CHALLENGE, "s256")).isFalse();
    }

    @Test
    void s256ChallengesAreAccepted() {
        assertThatCode(() -> Pkce.checkChallenge(CHALLENGE, "S256", false)).doesNotThrowAnyException();
    }

    @Test
    void plainIsRefusedUnlessAllowedAndIsTheDefault() {
        assertThatThrownBy(() -> Pkce.checkChallenge(VERIFIER, "plain", false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("plain");
        assertThatThrownBy(() -> Pkce.checkChallenge(CHALLENGE, null, false))
                .as("absent method means plain (RFC 7636 §4.3)").isInstanceOf(IllegalArgumentException.class).hasMessageContaining("plain");
        assertThatCode(() -> Pkce.checkChallenge(VERIFIER, "plain", true)).doesNotThrowAnyException();
        assertThatCode(() -> Pkce.checkChallenge(VERIFIER, null, true)).doesNotThrowAnyException();
    }

    @Test
    void malformedChallengesAndUnknownMethodsAreRefused() {
        assertThatThrownBy(() -> Pkce.checkChallenge(CHALLENGE, "S512", true)).hasMessageContaining("S512");
        assertThatThrownBy(() -> Pkce.checkChallenge("abc", "S256", false)).hasMessageContaining("43");
        assertThatThrownBy(() -> Pkce.checkChallenge(CHALLENGE + "!", "S256", false)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Pkce.checkChallenge("a".repeat(129), "plain", true)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Pkce.checkChallenge(CHALLENGE + "A", "S256", false))
                .as("an S256 challenge is exactly 43 characters").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Pkce.checkChallenge(null, "S256", false)).isInstanceOf(IllegalArgumentException.class);
    }
}
