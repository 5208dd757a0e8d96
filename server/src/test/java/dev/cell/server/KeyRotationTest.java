package dev.cell.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import dev.cell.client.ClientAuthMethod;
import dev.cell.client.ClientMetadata;
import dev.cell.jdbc.Database;
import dev.cell.keys.KeyService;
import dev.cell.keys.MasterKey;
import dev.cell.keys.SigningKey;
import dev.cell.keys.SigningKeyFactory;
import dev.cell.server.admin.ClientAdmin;
import dev.cell.token.AccessTokenFormat;
import dev.cell.token.Json;
import dev.cell.server.cli.CellCommand;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    /**
     * ID tokens outlive access tokens here (an hour against five minutes): after {@code cell keys rotate}, the retiring key
     * stays published for the ID token lifetime, so logout with an ID token signed before the rotation still knows its
     * client and returns to the registered URI.
     */
    @Test
    void theCliRotationKeepsTheRetiringKeyForTheLongestSignedLifetime(@TempDir Path dir) throws Exception {
        MutableClock clock = new MutableClock();
        String master = MasterKey.generate(new SecureRandom());
        String dbUrl = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        try (TestServer s = TestServer.start(Map.of("database.url", dbUrl, "keys.master-key", master, "tokens.access-token-lifetime", "5m",
                "tokens.id-token-lifetime", "1h", "keys.refresh-interval", "60s"), clock)) {
            ClientAdmin.Created web = s.clients.create("web", ClientMetadata.builder().clientName("Web")
                    .tokenEndpointAuthMethod(ClientAuthMethod.CLIENT_SECRET_BASIC).grantTypes(Set.of("authorization_code"))
                    .redirectUris(List.of(AuthorizationCodeFlowTest.REDIRECT))
                    .postLogoutRedirectUris(List.of("https://app.example/bye")).scopes(Set.of("openid")).firstParty(true)
                    .build());
            s.users.create("rita", "rita-password-1", Map.of(), Set.of());
            Browser b = new Browser(s.url(""));
            String code = Browser.query(AuthorizationCodeFlowTest.codeFor(b, AuthorizationCodeFlowTest.authorizeUrl("web",
                    AuthorizationCodeFlowTest.REDIRECT, "openid", ""), "rita", "rita-password-1")).get("code");
            String idToken = Json.MAPPER.readTree(s.post("/oauth/token", "grant_type=authorization_code&code=" + code + "&redirect_uri="
                    + AuthorizationCodeFlowTest.enc(AuthorizationCodeFlowTest.REDIRECT) + "&code_verifier=" + AuthorizationCodeFlowTest.VERIFIER,
                    "Authorization", TestServer.basic("web", web.secret())).body()).get("id_token").asText();

            Files.writeString(dir.resolve("master.key"), master);
            Files.writeString(dir.resolve("cell.yaml"), "database:\n  url: \"" + dbUrl + "\"\nkeys:\n  master-key-file: \""
                    + dir.resolve("master.key") + "\"\n  refresh-interval: 60s\ntokens:\n  access-token-lifetime: 5m\n  id-token-lifetime: 1h\n");
            Instant rotatedAt = Instant.now();
            assertThat(CellCommand.run("--config", dir.resolve("cell.yaml").toString(), "keys", "rotate")).isZero();
            assertThat(s.database.stores().signingKeys().listAll().stream().filter(k -> !k.isActive()))
                    .allSatisfy(k -> assertThat(k.expiresAt()).isAfter(rotatedAt.plus(Duration.ofHours(1))));

            clock.advance(Duration.ofMinutes(15));
            s.assembly.keys().reload();
            HttpResponse<String> out = new Browser(s.url("")).get("/oauth/logout?id_token_hint=" + idToken + "&post_logout_redirect_uri="
                    + AuthorizationCodeFlowTest.enc("https://app.example/bye"));
            assertThat(out.statusCode()).as(out.body()).isEqualTo(303);
            assertThat(Browser.location(out)).isEqualTo("https://app.example/bye");
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
