package dev.cell.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The assertions.* keys and the JWT bearer trust file (RFC 7523 §2.1): read, and every mistake named. */
class JwtBearerTrustFileTest {
    @TempDir
    Path dir;

    CellConfig load(String trustYaml) throws Exception {
        Path file = dir.resolve("trust.yaml");
        Files.writeString(file, trustYaml);
        return new ConfigLoader().load(null, Map.of(), Map.of("jwt-bearer.trust-file", file.toString()));
    }

    void assertRefused(String trustYaml, String... messageParts) {
        assertThatThrownBy(() -> load(trustYaml)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("jwt-bearer.trust-file").hasMessageContainingAll(messageParts);
    }

    static String publicJwk() throws Exception {
        ECKey key = new ECKeyGenerator(Curve.P_256).keyID("k").generate();
        return key.toPublicJWK().toJSONString();
    }

    @Test
    void defaultsLeaveTheGrantOffAndBoundAssertions() {
        CellConfig c = new ConfigLoader().load(null, Map.of(), Map.of());
        assertThat(c.jwtBearer().issuers()).isEmpty();
        assertThat(c.assertions()).isEqualTo(new CellConfig.Assertions(Duration.ofMinutes(5), Duration.ofSeconds(30), Duration.ofSeconds(2),
                65536, Duration.ofMinutes(5), Duration.ofSeconds(30)));
    }

    @Test
    void assertionBoundsAreChecked() {
        assertThatThrownBy(() -> new ConfigLoader().load(null, Map.of(), Map.of("assertions.clock-skew", "10m")))
                .hasMessageContaining("assertions.clock-skew: at most 5m");
        assertThatThrownBy(() -> new ConfigLoader().load(null, Map.of(), Map.of("assertions.max-lifetime", "2h")))
                .hasMessageContaining("assertions.max-lifetime: at most 1h");
        assertThatThrownBy(() -> new ConfigLoader().load(null, Map.of(), Map.of("assertions.jwks-fetch-timeout", "1m")))
                .hasMessageContaining("assertions.jwks-fetch-timeout");
    }

    @Test
    void aTrustFileIsRead() throws Exception {
        CellConfig c = load("""
                issuers:
                  - issuer: https://idp.example.com
                    jwks: {"keys": [%s]}
                    subjects: [alice, bob]
                    scopes: [read]
                  - issuer: ci
                    jwks-uri: https://ci.example.com/jwks
                    subjects: ["*"]
                    scopes: []
                    local-users: true
                """.formatted(publicJwk()));
        assertThat(c.jwtBearer().issuers()).hasSize(2);
        CellConfig.TrustedIssuer idp = c.jwtBearer().issuers().get(0);
        assertThat(idp.jwks()).contains("\"kid\":\"k\"");
        assertThat(idp.allowsSubject("alice")).isTrue();
        assertThat(idp.allowsSubject("mallory")).isFalse();
        assertThat(idp.localUsers()).isFalse();
        CellConfig.TrustedIssuer ci = c.jwtBearer().issuers().get(1);
        assertThat(ci.jwksUri()).isEqualTo("https://ci.example.com/jwks");
        assertThat(ci.allowsSubject("anyone")).isTrue();
        assertThat(ci.scopes()).isEmpty();
        assertThat(ci.localUsers()).isTrue();
    }

    @Test
    void everyMistakeIsNamed() throws Exception {
        String jwks = "{\"keys\": [" + publicJwk() + "]}";
        assertRefused("issuers: []", "'issuers'");
        assertRefused("trusted: []", "'issuers'");
        assertRefused("issuers: [ {", "not valid YAML");
        assertRefused("issuers:\n  - issuer: a\n    jwks: " + jwks + "\n    subjects: [x]\n    scopes: []\n    colour: blue\n",
                "issuers entry 1", "unknown field 'colour'");
        assertRefused("issuers:\n  - jwks: " + jwks + "\n    subjects: [x]\n    scopes: []\n", "issuer must be");
        assertRefused("issuers:\n  - issuer: a\n    subjects: [x]\n    scopes: []\n", "(a)", "exactly one of jwks");
        assertRefused("issuers:\n  - issuer: a\n    jwks: " + jwks + "\n    jwks-uri: https://a.example/jwks\n    subjects: [x]\n    scopes: []\n",
                "exactly one of jwks");
        assertRefused("issuers:\n  - issuer: a\n    jwks: {\"keys\": [{\"kty\": \"oct\", \"k\": \"AAAA\"}]}\n    subjects: [x]\n    scopes: []\n",
                "jwks:");
        assertRefused("issuers:\n  - issuer: a\n    jwks-uri: http://a.example/jwks\n    subjects: [x]\n    scopes: []\n", "https");
        assertRefused("issuers:\n  - issuer: a\n    jwks: " + jwks + "\n    subjects: []\n    scopes: []\n", "subjects must list");
        assertRefused("issuers:\n  - issuer: a\n    jwks: " + jwks + "\n    subjects: [x]\n", "scopes must be a list");
        assertRefused("issuers:\n  - issuer: a\n    jwks: " + jwks + "\n    subjects: [x]\n    scopes: [\"two words\"]\n", "without spaces");
        assertRefused("issuers:\n  - issuer: a\n    jwks: " + jwks + "\n    subjects: [x]\n    scopes: []\n    local-users: yes please\n",
                "local-users must be true or false");
        String entry = "  - issuer: a\n    jwks: " + jwks + "\n    subjects: [x]\n    scopes: []\n";
        assertRefused("issuers:\n" + entry + entry, "listed twice");
        assertThatThrownBy(() -> new ConfigLoader().load(null, Map.of(), Map.of("jwt-bearer.trust-file", dir.resolve("absent.yaml").toString())))
                .hasMessageContaining("cannot read");
    }
}
