package dev.cell.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cell.keys.MasterKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cell start} with a TLS file it cannot use stops with one line naming the setting, before it creates a database. */
class TlsStartTest {
    @TempDir
    Path dir;

    @Test
    void aMissingCertificateStopsStartUpBeforeAnyDatabaseIsMade() throws Exception {
        Path config = dir.resolve("cell.yaml");
        Path missing = dir.resolve("tls/fullchain.pem");
        Files.writeString(config, String.join("\n",
                "database.url: \"jdbc:h2:file:" + dir.resolve("db/cell").toAbsolutePath() + "\"",
                "server.host: 127.0.0.1",
                "server.port: 0",
                "server.tls.certificate: \"" + missing + "\"",
                "server.tls.private-key: \"" + dir.resolve("tls/privkey.pem") + "\"",
                "keys.master-key: \"" + MasterKey.generate(new SecureRandom()) + "\"",
                "logging.format: text", ""));
        CliRunner.Run r = CliRunner.run(config, "", "start");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err().lines().filter(l -> l.startsWith("error:")).toList())
                .containsExactly("error: server.tls.certificate: " + missing + " does not exist");
        assertThat(r.err()).doesNotContain("\tat ");
        assertThat(dir.resolve("db")).doesNotExist();
    }
}
