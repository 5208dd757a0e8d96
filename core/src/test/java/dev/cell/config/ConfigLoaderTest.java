package dev.cell.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    private CellConfig load(String yaml, Map<String, String> env) throws Exception {
        Path file = dir.resolve("cell.yaml");
        Files.writeString(file, yaml);
        return new ConfigLoader().load(file, env, Map.of());
    }

    @Test
    void defaultsApplyWithoutAFile() {
        CellConfig c = new ConfigLoader().load(null, Map.of(), Map.of());
        assertThat(c.issuer().toString()).isEqualTo("http://localhost:9000");
        assertThat(c.server().port()).isEqualTo(9000);
        assertThat(c.database().url()).startsWith("jdbc:h2:file:./data/cell");
        assertThat(c.tokens().accessTokenLifetime()).isEqualTo(Duration.ofMinutes(5));
        assertThat(c.tokens().accessTokenSigningAlg()).isEqualTo("RS256");
        assertThat(c.keys().algorithms()).containsExactly("RS256", "ES256");
        assertThat(c.features().clientCredentials()).isTrue();
        assertThat(c.features().authorizationCode()).isTrue();
        assertThat(c.features().refreshToken()).isTrue();
        assertThat(c.features().pkcePlain()).isFalse();
        assertThat(c.tokens().authorizationCodeLifetime()).isEqualTo(Duration.ofSeconds(60));
        assertThat(c.tokens().idTokenLifetime()).isEqualTo(Duration.ofHours(1));
        assertThat(c.tokens().refreshTokenIdleLifetime()).isEqualTo(Duration.ofDays(14));
        assertThat(c.tokens().refreshTokenAbsoluteLifetime()).isEqualTo(Duration.ofDays(90));
        assertThat(c.login()).isEqualTo(new CellConfig.Login(5, 50, Duration.ofMinutes(15), Duration.ofDays(30), 1));
        assertThat(c.session().lifetime()).isEqualTo(Duration.ofHours(12));
    }

    @Test
    void anUnsetIssuerFollowsTheListeningPortAndASetOneStaysAsWritten() throws Exception {
        assertThat(new ConfigLoader().load(null, Map.of(), Map.of("server.port", "9100")).issuer().toString())
                .isEqualTo("http://localhost:9100");
        assertThat(load("server:\n  port: 9200\n", Map.of()).issuer().toString()).isEqualTo("http://localhost:9200");
        assertThat(load("issuer: https://auth.example.com\nserver:\n  port: 8080\n", Map.of()).issuer().toString())
                .isEqualTo("https://auth.example.com");
        assertThat(new ConfigLoader().load(null, Map.of("CELL_ISSUER", "http://127.0.0.1:9000"), Map.of("server.port", "9100"))
                .issuer().toString()).isEqualTo("http://127.0.0.1:9000");
    }

    @Test
    void authorizationCodeSettingsAreRead() throws Exception {
        CellConfig c = load("""
                tokens:
                  authorization-code-lifetime: 30s
                  refresh-token-idle-lifetime: 1d
                  refresh-token-absolute-lifetime: 7d
                features:
                  pkce-plain:
                    enabled: true
                login:
                  max-failures-per-account: 3
                """, Map.of("CELL_FEATURES_REFRESH_TOKEN_ENABLED", "false", "CELL_SESSION_LIFETIME", "8h"));
        assertThat(c.tokens().authorizationCodeLifetime()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.tokens().refreshTokenAbsoluteLifetime()).isEqualTo(Duration.ofDays(7));
        assertThat(c.features().pkcePlain()).isTrue();
        assertThat(c.features().refreshToken()).isFalse();
        assertThat(c.login().maxFailuresPerAccount()).isEqualTo(3);
        assertThat(c.session().lifetime()).isEqualTo(Duration.ofHours(8));
    }

    @Test
    void lifetimesThatContradictEachOtherOrTheRfcStopStartup() {
        assertThatThrownBy(() -> load("tokens:\n  authorization-code-lifetime: 11m\n", Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("tokens.authorization-code-lifetime");
        assertThatThrownBy(() -> load("tokens:\n  refresh-token-idle-lifetime: 100d\n", Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("tokens.refresh-token-idle-lifetime");
        assertThatThrownBy(() -> load("login:\n  max-failures-per-ip: 0\n", Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("login.max-failures-per-ip");
    }

    @Test
    void yamlValuesAreRead() throws Exception {
        CellConfig c = load("""
                issuer: https://auth.example.com/
                server:
                  port: 8443
                tokens:
                  access-token-lifetime: 10m
                  access-token-signing-alg: ES256
                keys:
                  algorithms: [ES256, RS256]
                features:
                  client-credentials:
                    enabled: false
                """, Map.of());
        assertThat(c.issuer().toString()).as("trailing slash removed").isEqualTo("https://auth.example.com");
        assertThat(c.server().port()).isEqualTo(8443);
        assertThat(c.tokens().accessTokenLifetime()).isEqualTo(Duration.ofMinutes(10));
        assertThat(c.tokens().accessTokenSigningAlg()).isEqualTo("ES256");
        assertThat(c.keys().algorithms()).containsExactly("ES256", "RS256");
        assertThat(c.features().clientCredentials()).isFalse();
        assertThat(c.endpoint("/oauth/token")).isEqualTo("https://auth.example.com/oauth/token");
    }

    @Test
    void environmentOverridesTheFile() throws Exception {
        CellConfig c = load("server:\n  port: 8000\n", Map.of("CELL_SERVER_PORT", "8100", "CELL_TOKENS_ACCESS_TOKEN_LIFETIME", "PT2M",
                "PATH", "/usr/bin", "CELL_TEST_DB_URL", "jdbc:postgresql://x", "CELL_JAVA_OPTS", "-Xmx1g", "CELL_STARTUP_CACHE", "off"));
        assertThat(c.server().port()).isEqualTo(8100);
        CellConfig remote = load("", Map.of("CELL_SERVER", "https://id.example.com", "CELL_TOKEN", "t", "CELL_CLIENT_ID", "ops",
                "CELL_CLIENT_SECRET", "s"));
        assertThat(remote.server().port()).as("the CLI's remote-mode variables are not configuration keys").isEqualTo(9000);
        assertThat(c.tokens().accessTokenLifetime()).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void anUnknownKeyStopsStartupNamingIt() {
        assertThatThrownBy(() -> load("server:\n  prot: 8000\n", Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("server.prot");
        assertThatThrownBy(() -> load("colour: blue\n", Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("colour");
        assertThatThrownBy(() -> load("", Map.of("CELL_SERVER_PROT", "1")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("CELL_SERVER_PROT");
    }

    @Test
    void aBadValueStopsStartupNamingTheKey() {
        assertThatThrownBy(() -> load("server:\n  port: many\n", Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("server.port");
        assertThatThrownBy(() -> load("tokens:\n  access-token-lifetime: soon\n", Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("tokens.access-token-lifetime");
        assertThatThrownBy(() -> load("tokens:\n  access-token-signing-alg: HS256\n", Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("tokens.access-token-signing-alg");
        assertThatThrownBy(() -> load("features:\n  client-credentials:\n    enabled: maybe\n", Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("features.client-credentials.enabled");
        assertThatThrownBy(() -> load("keys:\n  rsa-key-size: 1024\n", Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("keys.rsa-key-size");
        assertThatThrownBy(() -> load("server:\n  port: [1, 2]\n", Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("server.port");
        assertThatThrownBy(() -> load("database:\n  url: jdbc:mysql://x\n", Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("database.url");
    }

    @Test
    void invalidYamlIsReportedWithItsLine() {
        assertThatThrownBy(() -> load("server:\n  port: 1\n bad", Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("not valid YAML");
    }

    @Test
    void theIssuerMustBeHttpsExceptOnLoopbackAndHaveNoQuery() {
        assertThatThrownBy(() -> load("issuer: http://auth.example.com\n", Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("issuer").hasMessageContaining("https");
        assertThatThrownBy(() -> load("issuer: https://auth.example.com/?tenant=1\n", Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("query");
        assertThat(new ConfigLoader().load(null, Map.of(), Map.of("issuer", "http://127.0.0.1:9000")).issuer().getPort()).isEqualTo(9000);
    }

    @Test
    void signingAlgorithmsMustHaveKeys() {
        assertThatThrownBy(() -> load("keys:\n  algorithms: ES256\n", Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("tokens.access-token-signing-alg");
    }

    @Test
    void secretsNeverAppearInToString() {
        CellConfig c = new ConfigLoader().load(null, Map.of("CELL_DATABASE_PASSWORD", "hunter2-db",
                "CELL_KEYS_MASTER_KEY", "c2VjcmV0LW1hc3Rlci1rZXktYmFzZTY0LXZhbHVlLTEyMw=="), Map.of());
        assertThat(c.toString()).doesNotContain("hunter2-db").doesNotContain("c2VjcmV0");
    }

    @Test
    void envNamesFollowThePath() {
        assertThat(ConfigKeys.byPath("tokens.access-token-lifetime").orElseThrow().envName())
                .isEqualTo("CELL_TOKENS_ACCESS_TOKEN_LIFETIME");
        assertThat(ConfigKeys.ALL.stream().map(ConfigKey::envName).distinct().count()).isEqualTo(ConfigKeys.ALL.size());
    }

    @Test
    void durationsParseShortAndIsoForms() {
        assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse("14d")).isEqualTo(Duration.ofDays(14));
        assertThat(Durations.parse("PT1H")).isEqualTo(Duration.ofHours(1));
        assertThat(Durations.format(Duration.ofMinutes(5))).isEqualTo("5m");
        assertThatThrownBy(() -> Durations.parse("5 minutes")).isInstanceOf(IllegalArgumentException.class);
        assertThat(List.of("60s", "1h")).allSatisfy(s -> assertThat(Durations.parse(s)).isPositive());
    }
}
