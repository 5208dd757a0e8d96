package dev.cell.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.oauth2.sdk.auth.ClientSecretJWT;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import dev.cell.client.ClientAuthMethod;
import dev.cell.config.CellConfig;
import dev.cell.jdbc.Database;
import dev.cell.keys.MasterKey;
import dev.cell.keys.MasterKeyRotation;
import dev.cell.keys.SigningKey;
import dev.cell.server.admin.ClientAdmin;
import dev.cell.server.cli.CellCommand;
import dev.cell.store.SealedSecretStore;
import dev.cell.token.AccessTokenFormat;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keys at rest: sealed under the master key, which {@code cell keys rotate-master} replaces in one transaction; a bad store stops the server. */
class KeysAtRestTest {
    static final SecureRandom RANDOM = new SecureRandom();

    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {}

    private Run cell(String dbUrl, String masterKey, String... args) throws Exception {
        Path config = dir.resolve("cell-" + UUID.randomUUID() + ".yaml");
        Files.writeString(config, "database:\n  url: \"" + dbUrl + "\"\nkeys:\n  master-key: \"" + masterKey + "\"\nserver:\n  host: 127.0.0.1\n"
                + "  port: " + freePort() + "\nlogging:\n  format: text\n  audit-file: \"" + dir.resolve("audit.log") + "\"\n");
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
        try {
            List<String> all = new ArrayList<>(List.of("--config", config.toString()));
            all.addAll(List.of(args));
            return new Run(CellCommand.run(all.toArray(String[]::new)), o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static HttpResponse<String> clientSecretJwtToken(TestServer s, String clientId, String secret) throws Exception {
        ClientSecretJWT auth = new ClientSecretJWT(new ClientID(clientId), URI.create(s.url("/oauth/token")), JWSAlgorithm.HS256, new Secret(secret));
        return s.post("/oauth/token", AssertionKit.body("grant_type=client_credentials", auth));
    }

    private static String newDatabase() {
        return "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    }

    @Test
    void rotateMasterReSealsEveryPrivateKeyAndClientSecretAndTheOldKeyNoLongerStartsTheServer() throws Exception {
        String db = newDatabase();
        String oldKey = MasterKey.generate(RANDOM);
        String newKey = MasterKey.generate(RANDOM);
        Path newKeyFile = Files.writeString(dir.resolve("new.key"), newKey + "\n");
        ClientAdmin.Created client;
        List<String> kids;
        try (TestServer s = TestServer.start(Map.of("database.url", db, "keys.master-key", oldKey))) {
            client = s.confidentialClient("sealed", ClientAuthMethod.CLIENT_SECRET_JWT, AccessTokenFormat.JWT, "read");
            assertThat(clientSecretJwtToken(s, "sealed", client.secret()).statusCode()).isEqualTo(200);
            kids = s.database.stores().signingKeys().listAll().stream().map(SigningKey::kid).toList();
        }

        Run rotated = cell(db, oldKey, "keys", "rotate-master", "--new-master-key-file", newKeyFile.toString());
        assertThat(rotated.code()).as(rotated.err()).isZero();
        assertThat(rotated.out()).contains("re-sealed 2 signing keys, 1 client secrets and 1 server secrets");
        Run again = cell(db, oldKey, "keys", "rotate-master", "--new-master-key-file", newKeyFile.toString());
        assertThat(again.out()).as("a second run finishes what a first left undone, and nothing else").contains("re-sealed 0 signing keys, "
                + "0 client secrets and 0 server secrets").contains("(4 already were)");

        MasterKey next = MasterKey.parse(newKey, RANDOM);
        Run refused = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> cell(db, oldKey, "start"));
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.err()).contains("error: signing key").contains("was sealed by master key " + next.id())
                .contains("cannot be opened with the configured master key").doesNotContain("\tat ");

        try (TestServer s = TestServer.start(Map.of("database.url", db, "keys.master-key", newKey))) {
            for (SigningKey k : s.database.stores().signingKeys().listAll()) {
                assertThat(k.masterKeyId()).isEqualTo(next.id());
                assertThat(next.open(k.privateKeyEncrypted())).contains("\"d\"");
            }
            assertThat(s.database.stores().signingKeys().listAll()).extracting(SigningKey::kid).as("the same keys, re-sealed")
                    .containsExactlyInAnyOrderElementsOf(kids);
            assertThat(clientSecretJwtToken(s, "sealed", client.secret()).statusCode()).as("the client's secret survived").isEqualTo(200);
        }
    }

    @Test
    void aRotationCutShortChangesNothing() {
        String oldKey = MasterKey.generate(RANDOM);
        try (TestServer s = TestServer.start(Map.of("keys.master-key", oldKey))) {
            s.confidentialClient("sealed", ClientAuthMethod.CLIENT_SECRET_JWT, AccessTokenFormat.JWT, "read");
            SealedSecretStore real = s.database.sealedSecrets();
            SealedSecretStore failingAtTheEnd = new SealedSecretStore() {
                @Override
                public List<Sealed> listAll() {
                    List<Sealed> all = new ArrayList<>(real.listAll());
                    all.add(new Sealed(Kind.CLIENT_SECRET, "vanished-meanwhile", s.masterKey.seal("x")));
                    return all;
                }

                @Override
                public void replaceAll(List<Resealed> replacements, Instant at) {
                    real.replaceAll(replacements, at);
                }
            };
            MasterKey next = MasterKey.parse(MasterKey.generate(RANDOM), RANDOM);
            assertThatThrownBy(() -> MasterKeyRotation.rotate(failingAtTheEnd, s.masterKey, next, Instant.now()))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("nothing was changed");
            for (SealedSecretStore.Sealed sealed : real.listAll()) {
                assertThat(s.masterKey.open(sealed.sealedValue())).as(sealed.id() + " still under the old key").isNotEmpty();
            }
            assertThat(s.database.stores().signingKeys().listAll()).allSatisfy(k -> assertThat(k.masterKeyId()).isEqualTo(s.masterKey.id()));
        }
    }

    @Test
    void aTamperedOrUnencryptedPrivateKeyStopsTheServerWithAClearMessage() throws Exception {
        String db = newDatabase();
        String key = MasterKey.generate(RANDOM);
        CellConfig config;
        try (TestServer s = TestServer.start(Map.of("database.url", db, "keys.master-key", key))) {
            config = s.config;
        }
        MasterKey masterKey = MasterKey.parse(key, RANDOM);
        try (Database database = new Database(db, "", "", 2)) {
            SigningKey rsa = database.stores().signingKeys().listAll().stream().filter(k -> k.alg().equals("RS256")).findFirst().orElseThrow();
            String sealed = rsa.privateKeyEncrypted();
            char flipped = sealed.charAt(20) == 'A' ? 'B' : 'A';
            database.stores().signingKeys().reseal(rsa.kid(), sealed.substring(0, 20) + flipped + sealed.substring(21), rsa.masterKeyId());
            assertThatThrownBy(() -> new Assembly(config, database, masterKey, "test", Clock.systemUTC(), RANDOM))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("signing key " + rsa.kid()).hasMessageContaining("was altered or damaged");

            database.stores().signingKeys().reseal(rsa.kid(), masterKey.open(sealed), rsa.masterKeyId());
            assertThatThrownBy(() -> new Assembly(config, database, masterKey, "test", Clock.systemUTC(), RANDOM))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("signing key " + rsa.kid()).hasMessageContaining("is stored unencrypted");
        }
    }
}
