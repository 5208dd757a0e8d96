package dev.cell.grant;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cell.support.TestWorld;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TokenRequestTest {
    @Test
    void aGrantSeesOnlyTheParametersItDeclares() {
        TokenRequest r = TokenRequest.of(TestWorld.client("web"), new ClientCredentialsGrant(new TestWorld().random),
                Map.of("grant_type", "client_credentials", "scope", "read", "code", "stray", "client_secret", "s3cret"), "203.0.113.9",
                List.of(), null);
        assertThat(r.parameters()).containsOnlyKeys("scope");
        assertThat(r.parameter("code")).isNull();
        assertThat(r.grantType()).isEqualTo("client_credentials");
        assertThat(r.clientAddress()).isEqualTo("203.0.113.9");
    }
}
