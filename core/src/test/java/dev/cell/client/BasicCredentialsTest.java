package dev.cell.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cell.error.OAuthError;
import dev.cell.error.OAuthException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class BasicCredentialsTest {
    private static String header(String raw) {
        return "Basic " + Base64.getEncoder().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void decodesFormUrlEncodedIdAndSecret() {
        BasicCredentials c = BasicCredentials.parse(header("my%20client:p%3Ass+word"));
        assertThat(c.clientId()).isEqualTo("my client");
        assertThat(c.secret()).isEqualTo("p:ss word");
        assertThat(BasicCredentials.parse("basic " + Base64.getEncoder().encodeToString("a:b".getBytes())).clientId()).isEqualTo("a");
    }

    @Test
    void malformedHeadersAreInvalidClient() {
        for (String bad : new String[] {"Bearer x", "Basic", "Basic %%%", header("nocolon"), header(":secret"), header("a%zz:b"),
                "Basic " + "A".repeat(5000)}) {
            assertThatThrownBy(() -> BasicCredentials.parse(bad)).isInstanceOf(OAuthException.class)
                    .extracting(e -> ((OAuthException) e).error()).isEqualTo(OAuthError.INVALID_CLIENT);
        }
    }

    @Test
    void toStringHidesTheSecret() {
        assertThat(BasicCredentials.parse(header("id:topsecret")).toString()).doesNotContain("topsecret");
    }
}
