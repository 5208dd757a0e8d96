package dev.cell.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** features.device-authorization.enabled and device.*: off by default, bounded as RFC 8628 §3.2 and §5.1 suggest. */
class DeviceConfigTest {
    private static CellConfig load(Map<String, String> overrides) {
        return new ConfigLoader().load(null, Map.of(), overrides);
    }

    @Test
    void offByDefaultWithTenMinuteCodesPolledEveryFiveSeconds() {
        CellConfig.Device d = load(Map.of()).device();

        assertThat(d.enabled()).isFalse();
        assertThat(d.codeLifetime()).isEqualTo(Duration.ofMinutes(10));
        assertThat(d.interval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(load(Map.of("features.device-authorization.enabled", "true")).device().enabled()).isTrue();
        assertThat(load(Map.of(), Map.of("CELL_FEATURES_DEVICE_AUTHORIZATION_ENABLED", "true")).device().enabled()).isTrue();
    }

    @Test
    void lifetimesOutsideTheirBoundsAndTheGrantWithoutTheAuthorizationEndpointAreRefused() {
        assertThatThrownBy(() -> load(Map.of("device.code-lifetime", "31m"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("device.code-lifetime");
        assertThatThrownBy(() -> load(Map.of("device.code-lifetime", "30s"))).isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> load(Map.of("device.polling-interval", "1500ms"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("device.polling-interval");
        assertThatThrownBy(() -> load(Map.of("device.polling-interval", "61s"))).isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> load(Map.of("device.max-failures-per-code", "0"))).isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> load(Map.of("features.device-authorization.enabled", "true", "features.authorization-code.enabled", "false")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("features.authorization-code.enabled");
    }

    private static CellConfig load(Map<String, String> overrides, Map<String, String> env) {
        return new ConfigLoader().load(null, env, overrides);
    }
}
