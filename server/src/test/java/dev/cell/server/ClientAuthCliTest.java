package dev.cell.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import dev.cell.client.Client;
import dev.cell.client.ClientAuthMethod;
import dev.cell.jdbc.Database;
import dev.cell.keys.MasterKey;
import dev.cell.server.cli.CellCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cell client create --auth-method private_key_jwt | client_secret_jwt} (OIDC Core §9, RFC 7591 §2 jwks and jwks_uri). */
class ClientAuthCliTest {
    @TempDir
    Path dir;
    String dbUrl;
    String masterKey = MasterKey.generate(new SecureRandom());

    record Run(int code, String out, String err) {}

    @BeforeEach
    void config() throws Exception {
        dbUrl = "jdbc:h2:file:" + dir.resolve("cell").toAbsolutePath();
        String logging = "logging:\n  format: text\n  audit-file: \"" + dir.resolve("audit.log") + "\"\n";
        Files.writeString(dir.resolve("cell.yaml"), "database:\n  url: \"" + dbUrl + "\"\n" + logging + "keys:\n  master-key: \"" + masterKey + "\"\n");
        Files.writeString(dir.resolve("no-master-key.yaml"), "database:\n  url: \"" + dbUrl + "\"\n" + logging);
        new Database(dbUrl, "", "", 2).close();     // management commands never create a database
    }

    private Run cellWith(String configFile, String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
        try {
            List<String> all = new ArrayList<>(List.of("--config", dir.resolve(configFile).toString()));
            all.addAll(List.of(args));
            return new Run(CellCommand.run(all.toArray(String[]::new)), o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    private Run cell(String... args) {
        return cellWith("cell.yaml", args);
    }

    private Client stored(String id) {
        try (Database db = new Database(dbUrl, "", "", 2)) {
            return db.stores().clients().find(id).orElseThrow();
        }
    }

    private static String field(String out, String name) {
        Matcher m = Pattern.compile(name + ":\\s+(\\S+)").matcher(out);
        assertThat(m.find()).as(name + " in output").isTrue();
        return m.group(1);
    }

    @Test
    void privateKeyJwtWithAJwksUri() {
        Run r = cell("client", "create", "--name", "Batch", "--id", "batch", "--auth-method", "private_key_jwt",
                "--jwks-uri", "https://batch.example.com/jwks.json", "--scope", "read");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("token_endpoint_auth_method: private_key_jwt").contains("jwks_uri:").doesNotContain("client_secret:");
        Client c = stored("batch");
        assertThat(c.authMethod()).isEqualTo(ClientAuthMethod.PRIVATE_KEY_JWT);
        assertThat(c.jwksUri()).isEqualTo("https://batch.example.com/jwks.json");
        assertThat(c.secretHash()).isNull();
        assertThat(c.secretEncrypted()).isNull();
    }

    @Test
    void privateKeyJwtWithAJwksFileKeepsOnlyPublicKeys() throws Exception {
        ECKey key = AssertionKit.ec("k1");
        Files.writeString(dir.resolve("public.json"), AssertionKit.publicJwks(key));
        Run r = cell("client", "create", "--name", "Batch", "--id", "batch", "--auth-method", "private_key_jwt",
                "--jwks", dir.resolve("public.json").toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(JWKSet.parse(stored("batch").jwks()).getKeyByKeyId("k1").isPrivate()).isFalse();

        Files.writeString(dir.resolve("private.json"), new JWKSet(key).toString(false));
        Run leaked = cell("client", "create", "--name", "Leak", "--auth-method", "private_key_jwt", "--jwks", dir.resolve("private.json").toString());
        assertThat(leaked.code()).isEqualTo(1);
        assertThat(leaked.err()).contains("private key material").doesNotContain("\tat ");
    }

    @Test
    void privateKeyJwtNeedsExactlyOneKeySourceAndAnHttpsUri() {
        assertThat(cell("client", "create", "--name", "A", "--auth-method", "private_key_jwt").err()).contains("exactly one of jwks");
        assertThat(cell("client", "create", "--name", "B", "--auth-method", "private_key_jwt", "--jwks-uri", "http://keys.example.com/jwks").err())
                .contains("https");
        assertThat(cell("client", "create", "--name", "C", "--jwks-uri", "https://keys.example.com/jwks").err())
                .contains("only private_key_jwt clients register keys");
        assertThat(cell("client", "create", "--name", "D", "--auth-method", "private_key_jwt", "--jwks", dir.resolve("missing.json").toString())
                .err()).contains("cannot read");
    }

    @Test
    void clientSecretJwtPrintsTheSecretOnceAndStoresItSealed() {
        Run r = cell("client", "create", "--name", "Legacy", "--id", "legacy", "--auth-method", "client_secret_jwt");
        assertThat(r.code()).as(r.err()).isZero();
        String secret = field(r.out(), "client_secret");
        assertThat(r.out()).contains("sealed under the master key");
        Client c = stored("legacy");
        assertThat(c.secretHash()).isNull();
        assertThat(MasterKey.parse(masterKey, new SecureRandom()).open(c.secretEncrypted())).isEqualTo(secret);

        Run rotated = cell("client", "rotate-secret", "legacy");
        assertThat(rotated.code()).as(rotated.err()).isZero();
        String newSecret = field(rotated.out(), "client_secret");
        assertThat(newSecret).isNotEqualTo(secret);
        assertThat(MasterKey.parse(masterKey, new SecureRandom()).open(stored("legacy").secretEncrypted())).isEqualTo(newSecret);
    }

    @Test
    void clientSecretJwtWithoutAMasterKeySaysWhatIsMissing() {
        Run r = cellWith("no-master-key.yaml", "client", "create", "--name", "Legacy", "--auth-method", "client_secret_jwt");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("keys.master-key").doesNotContain("\tat ");
        Run basic = cellWith("no-master-key.yaml", "client", "create", "--name", "Plain");
        assertThat(basic.code()).as("other methods need no master key").isZero();
    }
}
