package dev.cell.grant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cell.error.OAuthError;
import dev.cell.error.OAuthException;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScopesTest {
    @Test
    void parsesSpaceSeparatedTokens() {
        assertThat(Scopes.parse("read  write")).containsExactly("read", "write");
        assertThat(Scopes.parse(null)).isEmpty();
        assertThat(Scopes.parse(" ")).isEmpty();
    }

    @Test
    void rejectsCharactersOutsideRfc6749() {
        for (String bad : new String[] {"re\"ad", "a\\b", "caf\u00e9", "tab\tx"}) {
            assertThatThrownBy(() -> Scopes.parse(bad)).isInstanceOf(OAuthException.class)
                    .extracting(e -> ((OAuthException) e).error()).isEqualTo(OAuthError.INVALID_SCOPE);
        }
    }

    @Test
    void grantsOnlyAllowedScopesAndDefaultsToAll() {
        assertThat(Scopes.grant(Set.of("read"), Set.of("read", "write"))).containsExactly("read");
        assertThat(Scopes.grant(Set.of(), Set.of("read", "write"))).containsExactlyInAnyOrder("read", "write");
        assertThatThrownBy(() -> Scopes.grant(Set.of("admin"), Set.of("read")))
                .extracting(e -> ((OAuthException) e).error()).isEqualTo(OAuthError.INVALID_SCOPE);
    }
}
