package dev.cell.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import dev.cell.client.ClientAuthMethod;
import dev.cell.jdbc.Database;
import dev.cell.keys.KeyService;
import dev.cell.keys.MasterKey;
import dev.cell.keys.SigningKey;
import dev.cell.keys.SigningKeyFactory;
import dev.cell.server.admin.ClientAdmin;
import dev.cell.token.AccessTokenFormat;
import dev.cell.token.Json;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Key rotation: new keys sign at once, old keys verify until their tokens expire, then leave the JWKS. */
class KeyRotationTest {

    private static String token(TestServer s, ClientAdmin.Created c) throws Exception {
        return Json.MAPPER.readTree(s.post("/oauth/token", "grant_type=client_credentials", "Authorization",
                TestServer.basic(c.client().clientId(), c.secret())).body()).get("access_token").asText();
    }

    private static List<String> publishedKids(TestServer s) throws Exception {
        return JWKSet.parse(s.get("/oauth/jwks").body()).getKeys().stream().map(k -> k.getKeyID()).toList();
    }

    @Test
    void rotatedKeySignsAndTheOldOneVerifiesUntilItsTokensExpire() throws Exception {
        MutableClock clock = new MutableClock();
        try (TestServer s = TestServer.start(Map.of("tokens.access-token-lifetime", "5m", "tokens.id-token-lifetime", "5m", "keys.refresh-interval", "60s"), clock)) {
            ClientAdmin.Created c = s.confidentialClient("rot", ClientAuthMethod.CLIENT_SECRET_BASIC, AccessTokenFormat.JWT, "read");
            SignedJWT before = SignedJWT.parse(token(s, c));
            String oldKid = before.getHeader().getKeyID();

            clock.advance(Duration.ofMinutes(10));
            List<SigningKey> created = s.assembly.keys().rotate();
            String newKid = created.stream().filter(k -> k.alg().equals("RS256")).findFirst().orElseThrow().kid();
            assertThat(newKid).isNotEqualTo(oldKid);

            assertThat(publishedKids(s)).as("published at once").contains(oldKid, newKid);
            assertThat(SignedJWT.parse(token(s, c)).getHeader().getKeyID())
                    .as("the old key signs until every node has had one refresh interval to load the new one").isEqualTo(oldKid);
            clock.advance(Duration.ofSeconds(61));
            SignedJWT after = SignedJWT.parse(token(s, c));
            assertThat(after.getHeader().getKeyID()).isEqualTo(newKid);
            JWKSet jwks = JWKSet.parse(s.get("/oauth/jwks").body());
            assertThat(before.verify(new RSASSAVerifier(jwks.getKeyByKeyId(oldKid).toRSAKey()))).isTrue();

            clock.advance(Duration.ofMinutes(5));
            s.assembly.keys().reload();
            assertThat(publishedKids(s)).as("still published while tokens it signed may be in use").contains(oldKid);

            clock.advance(Duration.ofMinutes(3));
            s.assembly.keys().reload();
            assertThat(publishedKids(s)).as("retired once every token it signed has expired").doesNotContain(oldKid).contains(newKid);
        }
    }

    @Test
    void aKeyRotatedElsewhereIsUsedAfterTheRefreshInterval() throws Exception {
        MutableClock clock = new MutableClock();
        try (TestServer s = TestServer.start(Map.of("keys.refresh-interval", "30s"), clock)) {
            ClientAdmin.Created c = s.confidentialClient("rot2", ClientAuthMethod.CLIENT_SECRET_BASIC, AccessTokenFormat.JWT, "read");
            String oldKid = SignedJWT.parse(token(s, c)).getHeader().getKeyID();
            clock.advance(Duration.ofMinutes(10));
            assertThat(SignedJWT.parse(token(s, c)).getHeader().getKeyID()).isEqualTo(oldKid);
            KeyService other = new KeyService(s.database.stores().signingKeys(), s.masterKey, new SigningKeyFactory(s.masterKey, 2048),
                    List.of("RS256", "ES256"), Duration.ofSeconds(30), Duration.ofMinutes(5), clock);
            String newKid = other.rotate().stream().filter(k -> k.alg().equals("RS256")).findFirst().orElseThrow().kid();

            assertThat(SignedJWT.parse(token(s, c)).getHeader().getKeyID()).as("cached within the interval").isEqualTo(oldKid);
            clock.advance(Duration.ofSeconds(31));
            assertThat(SignedJWT.parse(token(s, c)).getHeader().getKeyID()).isEqualTo(newKid);
        }
    }

    @Test
    void privateKeysAreSealedAndAnotherMasterKeyCannotOpenThem() {
        try (TestServer s = TestServer.start()) {
            for (SigningKey k : s.database.stores().signingKeys().listAll()) {
                assertThat(k.privateKeyEncrypted()).doesNotContain("\"d\"").doesNotContain("kty");
                assertThat(s.masterKey.open(k.privateKeyEncrypted())).contains("\"d\"");
            }
            SecureRandom random = new SecureRandom();
            MasterKey wrong = MasterKey.parse(MasterKey.generate(random), random);
            Database db = s.database;
            assertThatThrownBy(() -> new KeyService(db.stores().signingKeys(), wrong, new SigningKeyFactory(wrong, 2048),
                    List.of("RS256", "ES256"), Duration.ofSeconds(60), Duration.ofMinutes(5), Clock.systemUTC()).start())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("cannot be opened with the configured master key");
        }
    }
}
