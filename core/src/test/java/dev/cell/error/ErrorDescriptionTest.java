package dev.cell.error;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cell.authorize.AuthorizationRedirectException;
import dev.cell.authorize.ResponseMode;
import org.junit.jupiter.api.Test;

class ErrorDescriptionTest {
    @Test
    void aSectionSignIsSpelledOut() {
        assertThat(ErrorDescription.of("nonce is required (OIDC Core §3.2.2.1)")).isEqualTo("nonce is required (OIDC Core section 3.2.2.1)");
        assertThat(ErrorDescription.of("see § 4")).isEqualTo("see section 4");
    }

    @Test
    void quotesBackslashesControlsAndNonAsciiLeaveTheSet() {
        String out = ErrorDescription.of("bad \"value\" a\\b\nc\td é 中");
        assertThat(out).isEqualTo("bad 'value' a/b?c?d ? ?");
        assertThat(ErrorDescription.allowed(out)).isTrue();
    }

    @Test
    void allowedTextAndNullPassUnchanged() {
        String text = "redirect_uri is not registered for this client";
        assertThat(ErrorDescription.of(text)).isSameAs(text);
        assertThat(ErrorDescription.of(null)).isNull();
    }

    @Test
    void everyProtocolErrorCarriesOnlyAllowedCharacters() {
        String hostile = "scope \"x\" \\ § \u0000 \u2028 end";
        assertThat(ErrorDescription.allowed(new OAuthException(OAuthError.INVALID_SCOPE, hostile).description())).isTrue();
        assertThat(ErrorDescription.allowed(OAuthException.invalidRequest(hostile).description())).isTrue();
        assertThat(ErrorDescription.allowed(
                new AuthorizationRedirectException(OAuthError.INVALID_REQUEST, hostile, "https://c.example/cb", "s", ResponseMode.FRAGMENT).description()))
                .isTrue();
    }
}
