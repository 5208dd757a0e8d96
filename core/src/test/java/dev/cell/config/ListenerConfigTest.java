package dev.cell.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** server.tls.* and management.*: TLS needs both files; the management listener takes /metrics and /health/* off the public port. */
class ListenerConfigTest {
    private static CellConfig load(Map<String, String> overrides) {
        return new ConfigLoader().load(null, Map.of(), overrides);
    }

    @Test
    void withoutSettingsThereIsNoTlsAndNoManagementListener() {
        CellConfig c = load(Map.of());
        assertThat(c.server().tls()).isNull();
        assertThat(c.management()).isEqualTo(new CellConfig.Management("127.0.0.1", null, true));
    }

    @Test
    void tlsNeedsBothFilesAndMakesTheDefaultIssuerHttps() {
        CellConfig c = load(Map.of("server.tls.certificate", "/etc/cell/cert.pem", "server.tls.private-key", "/etc/cell/key.pem",
                "server.port", "8443"));
        assertThat(c.server().tls()).isEqualTo(new CellConfig.Tls(Path.of("/etc/cell/cert.pem"), Path.of("/etc/cell/key.pem"), Duration.ofSeconds(60)));
        assertThat(c.issuer().toString()).isEqualTo("https://localhost:8443");
        assertThatThrownBy(() -> load(Map.of("server.tls.certificate", "/etc/cell/cert.pem")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("server.tls.private-key: TLS needs both");
        assertThatThrownBy(() -> load(Map.of("server.tls.private-key", "/etc/cell/key.pem")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("server.tls.certificate: TLS needs both");
        assertThatThrownBy(() -> load(Map.of("server.tls.certificate", "a", "server.tls.private-key", "b", "server.tls.reload-interval", "0s")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("server.tls.reload-interval");
    }

    @Test
    void aManagementPortTakesTheEndpointsOffThePublicPortUnlessToldOtherwise() {
        assertThat(load(Map.of("management.port", "9090")).management()).isEqualTo(new CellConfig.Management("127.0.0.1", 9090, false));
        assertThat(load(Map.of("management.port", "9090", "management.public-endpoints", "true", "management.host", "0.0.0.0")).management())
                .isEqualTo(new CellConfig.Management("0.0.0.0", 9090, true));
        assertThat(load(Map.of("management.public-endpoints", "false")).management().publicEndpoints()).isFalse();
        assertThatThrownBy(() -> load(Map.of("management.port", "9000"))).isInstanceOf(ConfigException.class)
                .hasMessage("management.port: 9000 is server.port too; the management listener needs a port of its own");
        assertThat(load(Map.of("management.port", "0", "server.port", "0")).management().port()).isZero();
        assertThatThrownBy(() -> load(Map.of("management.port", "70000"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("management.port");
        assertThatThrownBy(() -> load(Map.of("management.public-endpoints", "maybe"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("management.public-endpoints");
    }
}
