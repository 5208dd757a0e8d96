package dev.cell.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cell.account.PasswordHasher;
import dev.cell.jdbc.Database;
import dev.cell.keys.MasterKey;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the command line tells an operator is one line they can act on, and what it prints is only the command's result. */
class OperatorMessagesTest {
    @TempDir
    Path dir;
    Path config;
    String dbUrl;

    @BeforeEach
    void config() throws Exception {
        dbUrl = "jdbc:h2:file:" + dir.resolve("cell").toAbsolutePath();
        config = dir.resolve("cell.yaml");
        Files.writeString(config, "database:\n  url: \"" + dbUrl + "\"\nserver:\n  host: 127.0.0.1\nkeys:\n  master-key: \""
                + MasterKey.generate(new SecureRandom()) + "\"\nlogging:\n  format: text\n  audit-file: \"" + dir.resolve("audit.log") + "\"\n");
        assertThat(cell("init").code()).isZero();
    }

    private CliRunner.Run cell(String... args) {
        return CliRunner.run(config, "", args);
    }

    @Test
    void aPortInUseIsOneLineNamingThePort() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CliRunner.Run r = cell("start", "--port", String.valueOf(taken.getLocalPort()));
            assertThat(r.code()).isEqualTo(1);
            assertThat(r.err().lines().filter(l -> l.startsWith("error:")).toList()).singleElement().asString()
                    .startsWith("error: port " + taken.getLocalPort() + " is in use");
            assertThat(r.err()).doesNotContain("\tat ").doesNotContain("Exception");
        }
    }

    @Test
    void aPromptedPasswordIsAskedTwiceAndTwoDifferentOnesChangeNothing() throws Exception {
        CliRunner.Run differ = CliRunner.run(config, "first-password-1\nsecond-password-2\n", "user", "create", "carol", "--password");
        assertThat(differ.code()).isEqualTo(1);
        assertThat(differ.err()).contains("Password: ").contains("Repeat the password: ").contains("error: the two passwords differ");
        try (Database db = new Database(dbUrl, "", "", 2)) {
            assertThat(db.stores().users().findByUsername("carol")).isEmpty();
        }
        CliRunner.Run same = CliRunner.run(config, "same-password-3\nsame-password-3\n", "user", "create", "carol", "--password");
        assertThat(same.code()).as(same.err()).isZero();
        try (Database db = new Database(dbUrl, "", "", 2)) {
            String hash = db.stores().users().findByUsername("carol").orElseThrow().passwordHash();
            assertThat(new PasswordHasher().verify("same-password-3", hash)).isTrue();
        }
        CliRunner.Run passwd = CliRunner.run(config, "new-password-4\nnew-password-5\n", "user", "passwd", "carol", "--password");
        assertThat(passwd.code()).isEqualTo(1);
        assertThat(passwd.err()).contains("error: the two passwords differ");
    }

    @Test
    void auditLinesGoToTheAuditFileOwnerOnlyNotToTheConsole() throws Exception {
        CliRunner.Run created = cell("client", "create", "--name", "Billing", "--id", "billing");
        assertThat(created.code()).as(created.err()).isZero();
        assertThat(created.out() + created.err()).doesNotContain("{\"time\"").doesNotContain("client.created");
        Path audit = dir.resolve("audit.log");
        assertThat(Files.readString(audit)).contains("\"event\":\"client.created\"").contains("\"client\":\"billing\"");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(audit))).isEqualTo("rw-------");
    }

    @Test
    void clientListColumnsAlignWhateverTheirWidths() {
        String longId = "a-client-id-much-longer-than-the-old-column-width";
        assertThat(cell("client", "create", "--name", "Long", "--id", longId, "--grant", "authorization_code,refresh_token,client_credentials",
                "--redirect-uri", "https://app.example/cb").code()).isZero();
        assertThat(cell("client", "create", "--name", "Short", "--id", "s").code()).isZero();
        List<String> lines = cell("client", "list").out().lines().toList();
        assertThat(lines).hasSize(3);
        String header = lines.get(0);
        for (String column : List.of("AUTH_METHOD", "GRANT_TYPES", "NAME")) {
            int at = header.indexOf(column);
            for (String row : lines.subList(1, 3)) {
                assertThat(row.charAt(at - 1)).as(column + " in " + row).isEqualTo(' ');
                assertThat(row.charAt(at)).as(column + " in " + row).isNotEqualTo(' ');
                assertThat(row.charAt(at - 2)).as("two spaces before " + column + " in " + row).isEqualTo(' ');
            }
        }
    }

    @Test
    void aTakenUsernameSaysSoAndNothingElse() {
        assertThat(cell("user", "create", "alice", "--password", "correct horse battery").code()).isZero();
        CliRunner.Run again = cell("user", "create", "alice", "--password", "another horse battery");
        assertThat(again.code()).isEqualTo(2);
        assertThat(again.err()).isEqualTo("error: username 'alice' is taken" + System.lineSeparator());
    }
}
