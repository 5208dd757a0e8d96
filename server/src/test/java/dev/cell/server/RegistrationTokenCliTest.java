package dev.cell.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cell.jdbc.Database;
import dev.cell.registration.InitialAccessToken;
import dev.cell.token.TokenHasher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cell client registration-token}: initial access tokens (RFC 7591 section 3) from the command line. */
class RegistrationTokenCliTest {
    @TempDir
    Path dir;
    String dbUrl;
    Path config;

    @BeforeEach
    void init() throws Exception {
        dbUrl = "jdbc:h2:file:" + dir.resolve("cell").toAbsolutePath();
        config = dir.resolve("cell.yaml");
        Files.writeString(config, "database:\n  url: \"" + dbUrl + "\"\nlogging:\n  format: text\n  audit-file: \"" + dir.resolve("audit.log")
                + "\"\nregistration:\n  initial-access-token:\n    lifetime: 3h\n");
        assertThat(CliRunner.run(config, "", "init").code()).isZero();
    }

    private static String field(String out, String name) {
        Matcher m = Pattern.compile(name + ":\\s+(\\S+)").matcher(out);
        assertThat(m.find()).as(name + " in " + out).isTrue();
        return m.group(1);
    }

    private InitialAccessToken stored(String value) {
        try (Database db = new Database(dbUrl, "", "", 2)) {
            return db.stores().initialAccessTokens().findUsable(TokenHasher.hash(value), Instant.now()).orElseThrow();
        }
    }

    @Test
    void createPrintsTheTokenOnceAndStoresItsHashWithUsesExpiryAndScopes() throws Exception {
        CliRunner.Run r = CliRunner.run(config, "", "client", "registration-token", "create", "--expires-in", "7d", "--uses", "5",
                "--scope", "notes.read", "--scope", "openid");
        assertThat(r.code()).as(r.err()).isZero();
        String value = field(r.out(), "token");
        InitialAccessToken t = stored(value);
        assertThat(t.usesLeft()).isEqualTo(5);
        assertThat(t.scopes()).containsExactlyInAnyOrder("notes.read", "openid");
        assertThat(Duration.between(t.createdAt(), t.expiresAt())).isEqualTo(Duration.ofDays(7));
        assertThat(t.createdBy()).startsWith("cli:");
        assertThat(Files.readString(dir.resolve("audit.log"))).contains("registration_token.created").contains(t.id()).doesNotContain(value);

        CliRunner.Run list = CliRunner.run(config, "", "client", "registration-token", "list");
        assertThat(list.out()).contains(t.id()).contains("5 left").doesNotContain(value);
        assertThat(CliRunner.run(config, "", "client", "registration-token", "revoke", t.id()).code()).isZero();
        assertThat(CliRunner.run(config, "", "client", "registration-token", "list").out()).doesNotContain(t.id());
        assertThat(CliRunner.run(config, "", "client", "registration-token", "revoke", t.id()).code()).isEqualTo(2);
    }

    @Test
    void defaultsAreOneUseAndTheConfiguredLifetimeAndMultipleHasNoCount() {
        InitialAccessToken single = stored(field(CliRunner.run(config, "", "client", "registration-token", "create").out(), "token"));
        assertThat(single.usesLeft()).isEqualTo(1);
        assertThat(single.scopes()).isEmpty();
        assertThat(Duration.between(single.createdAt(), single.expiresAt())).isEqualTo(Duration.ofHours(3));

        CliRunner.Run multiple = CliRunner.run(config, "", "client", "registration-token", "create", "--multiple");
        assertThat(stored(field(multiple.out(), "token")).multipleUse()).isTrue();
        assertThat(multiple.out()).contains("uses:        multiple");
    }

    @Test
    void badOptionsAreRefusedWithExitCode1AndNamed() {
        for (String[] args : new String[][] {{"--uses", "0"}, {"--uses", "2", "--multiple"}, {"--expires-in", "soon"}, {"--expires-in", "400d"},
            {"--scope", "a\"b"}}) {
            String[] all = new String[3 + args.length];
            all[0] = "client";
            all[1] = "registration-token";
            all[2] = "create";
            System.arraycopy(args, 0, all, 3, args.length);
            CliRunner.Run r = CliRunner.run(config, "", all);
            assertThat(r.code()).as(String.join(" ", args) + ": " + r.err()).isEqualTo(1);
            assertThat(r.err().lines().findFirst().orElse("")).as(r.err()).containsAnyOf("uses", "--expires-in", "duration", "lifetime",
                    "scope").doesNotContain("Exception");
        }
    }
}
