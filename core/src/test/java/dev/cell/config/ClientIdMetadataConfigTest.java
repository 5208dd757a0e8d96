package dev.cell.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cell.client.ClientIdMetadataPolicy;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The client-id-metadata.* keys: off by default, and settings that cannot work stop start-up naming the key. */
class ClientIdMetadataConfigTest {
    static CellConfig load(Map<String, String> values) {
        return new ConfigLoader().load(null, Map.of(), values);
    }

    static Map<String, String> with(String... pairs) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return m;
    }

    @Test
    void offByDefaultWithTheDraftsBounds() {
        CellConfig.ClientIdMetadata c = load(Map.of()).clientIdMetadata();
        assertThat(c.policy().enabled()).isFalse();
        assertThat(c.maxBytes()).isEqualTo(5120);
        assertThat(c.allowedAddresses()).isEmpty();
        assertThat(c.trustedCertificates()).isNull();
        assertThat(c.fetchTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(c.resources()).isEmpty();
    }

    @Test
    void listedDomainsAndAllowedAddressesAreRead() {
        CellConfig.ClientIdMetadata c = load(with("client-id-metadata.policy", "listed", "client-id-metadata.domains", "Example.com, apps.test",
                "client-id-metadata.allowed-addresses", "127.0.0.1, 10.0.0.0/8", "client-id-metadata.resources", "https://mcp.example/mcp",
                "registration.open.resources", "http://127.0.0.1:3000/mcp")).clientIdMetadata();
        assertThat(c.policy().mode()).isEqualTo(ClientIdMetadataPolicy.Mode.LISTED);
        assertThat(c.policy().domains()).containsExactly("example.com", "apps.test");
        assertThat(c.allowedAddresses()).hasSize(2);
        assertThat(c.resources()).containsExactly("https://mcp.example/mcp");
    }

    @Test
    void settingsThatCannotWorkStopStartUp() {
        assertThatThrownBy(() -> load(with("client-id-metadata.policy", "listed"))).hasMessageContaining("client-id-metadata.domains");
        assertThatThrownBy(() -> load(with("client-id-metadata.policy", "sometimes"))).hasMessageContaining("client-id-metadata.policy");
        assertThatThrownBy(() -> load(with("client-id-metadata.domains", "*.example.com"))).hasMessageContaining("not a domain name");
        assertThatThrownBy(() -> load(with("client-id-metadata.allowed-addresses", "localhost"))).hasMessageContaining("not an IP address");
        assertThatThrownBy(() -> load(with("client-id-metadata.fetch-timeout", "1m"))).hasMessageContaining("at most 30s");
        assertThatThrownBy(() -> load(with("client-id-metadata.max-bytes", "100000"))).hasMessageContaining("out of range");
        assertThatThrownBy(() -> load(with("client-id-metadata.min-cache-lifetime", "2d"))).hasMessageContaining("longer than");
        assertThatThrownBy(() -> load(with("client-id-metadata.trusted-certificates", "/no/such/file.pem"))).hasMessageContaining("cannot read");
        assertThatThrownBy(() -> load(with("client-id-metadata.resources", "relative/path"))).hasMessageContaining("RFC 8707");
        assertThatThrownBy(() -> load(with("registration.open.resources", "https://mcp.example/#frag"))).hasMessageContaining("RFC 8707");
        assertThatThrownBy(() -> load(with("client-id-metadata.policy", "any", "features.authorization-code.enabled", "false")))
                .hasMessageContaining("features.authorization-code.enabled");
    }
}
