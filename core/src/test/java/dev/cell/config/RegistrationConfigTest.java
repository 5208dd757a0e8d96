package dev.cell.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cell.registration.RegistrationPolicy;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** registration.*: dynamic client registration (RFC 7591) is off unless configured, and its limits are checked at start. */
class RegistrationConfigTest {
    private static CellConfig.Registration load(Map<String, String> settings) {
        return new ConfigLoader().load(null, Map.of(), settings).registration();
    }

    @Test
    void offByDefaultWithBoundedDefaults() {
        CellConfig.Registration r = load(Map.of());
        assertThat(r.policy()).isEqualTo(RegistrationPolicy.OFF);
        assertThat(r.enabled()).isFalse();
        assertThat(r.initialAccessTokenLifetime()).isEqualTo(Duration.ofHours(24));
        assertThat(r.openMaxPerAddress()).isEqualTo(10);
        assertThat(r.openWindow()).isEqualTo(Duration.ofHours(1));
        assertThat(r.openScopes()).containsExactlyInAnyOrder("openid", "profile", "email", "offline_access");
    }

    @Test
    void eachPolicyIsReadAndAnUnknownOneStopsStartUp() {
        assertThat(load(Map.of("registration.policy", "initial-access-token")).policy()).isEqualTo(RegistrationPolicy.INITIAL_ACCESS_TOKEN);
        assertThat(load(Map.of("registration.policy", "open")).enabled()).isTrue();
        assertThatThrownBy(() -> load(Map.of("registration.policy", "anyone"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("registration.policy");
    }

    @Test
    void aPlainOffInYamlIsThePolicyOffNotABoolean(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path file = dir.resolve("cell.yaml");
        java.nio.file.Files.writeString(file, "registration:\n  policy: off\n");
        assertThat(new ConfigLoader().load(file, Map.of(), Map.of()).registration().policy()).isEqualTo(RegistrationPolicy.OFF);
        java.nio.file.Files.writeString(file, "registration:\n  policy: open\n");
        assertThat(new ConfigLoader().load(file, Map.of(), Map.of()).registration().policy()).isEqualTo(RegistrationPolicy.OPEN);
    }

    @Test
    void openRegistrationNeedsTheAuthorizationCodeGrantAndLimitsAreBounded() {
        assertThatThrownBy(() -> load(Map.of("registration.policy", "open", "features.authorization-code.enabled", "false")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("features.authorization-code.enabled");
        assertThatThrownBy(() -> load(Map.of("registration.initial-access-token.lifetime", "400d"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("registration.initial-access-token.lifetime");
        assertThatThrownBy(() -> load(Map.of("registration.open.max-per-address", "0"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("registration.open.max-per-address");
        assertThatThrownBy(() -> load(Map.of("registration.open.window", "0s"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("registration.open.window");
    }
}
