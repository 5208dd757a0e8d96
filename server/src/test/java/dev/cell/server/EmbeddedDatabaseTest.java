package dev.cell.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cell.config.CellConfig;
import dev.cell.jdbc.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded H2 database is not an open port and only its owner reads it (issue 16.5); and a command never opens the
 * wrong one: a relative path is the installation's, and management commands never create a database (issue 17.8).
 */
class EmbeddedDatabaseTest {
    @TempDir
    Path dir;

    private static CellConfig.Database config(String url) {
        return new CellConfig.Database(url, "", "", 2);
    }

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void anOldAutoServerUrlOpensNoPortAndLeavesEveryFileOwnerOnly() throws Exception {
        Path data = dir.resolve("data");
        try (Database db = EmbeddedDatabase.openOrCreate(config("jdbc:h2:file:./data/cell;AUTO_SERVER=TRUE"), dir, 2)) {
            assertThat(db.isReachable()).isTrue();
            // AUTO_SERVER keeps a lock file holding its TCP listener's address and access key; without it H2 locks the file itself
            assertThat(data.resolve("cell.lock.db")).doesNotExist();
            assertThat(mode(data)).isEqualTo("rwx------");
            try (Stream<Path> files = Files.list(data)) {
                List<Path> all = files.toList();
                assertThat(all).extracting(p -> p.getFileName().toString()).contains("cell.mv.db");
                for (Path f : all) {
                    assertThat(mode(f)).as(f.toString()).isEqualTo("rw-------");
                }
            }
        }
    }

    @Test
    void aDatabaseLeftReadableByAnEarlierVersionIsMadeOwnerOnly() throws Exception {
        Path data = dir.resolve("data");
        EmbeddedDatabase.openOrCreate(config("jdbc:h2:file:./data/cell"), dir, 2).close();
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(data.resolve("cell.mv.db"), PosixFilePermissions.fromString("rw-r--r--"));
        EmbeddedDatabase.openExisting(config("jdbc:h2:file:./data/cell"), dir, 2).close();
        assertThat(mode(data)).isEqualTo("rwx------");
        assertThat(mode(data.resolve("cell.mv.db"))).isEqualTo("rw-------");
    }

    @Test
    void aSharedDirectoryTheDatabaseIsPutInKeepsItsModeWhileTheFilesBecomeOwnerOnly() throws Exception {
        Path shared = Files.createDirectory(dir.resolve("shared"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxrwxrwx")));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));     // like /tmp: never made 0700
        EmbeddedDatabase.openOrCreate(config("jdbc:h2:file:" + shared.resolve("cell")), dir, 2).close();
        assertThat(mode(shared)).isEqualTo("rwxrwxrwx");
        assertThat(mode(shared.resolve("cell.mv.db"))).isEqualTo("rw-------");
    }

    @Test
    void aRelativePathIsTheHomesAndTheAutoServerSettingIsDropped() {
        Path home = Path.of("/opt/cell");
        assertThat(EmbeddedDatabase.of("jdbc:h2:file:./data/cell;AUTO_SERVER=TRUE;MODE=PostgreSQL", home).orElseThrow().url())
                .isEqualTo("jdbc:h2:file:/opt/cell/data/cell;MODE=PostgreSQL");
        assertThat(EmbeddedDatabase.of("jdbc:h2:./data/cell;auto_server=true;AUTO_SERVER_PORT=9090", home).orElseThrow().url())
                .isEqualTo("jdbc:h2:file:/opt/cell/data/cell");
        assertThat(EmbeddedDatabase.of("jdbc:h2:file:/var/lib/cell/cell", home).orElseThrow().file()).isEqualTo(Path.of("/var/lib/cell/cell.mv.db"));
        assertThat(EmbeddedDatabase.of("jdbc:h2:mem:test;DB_CLOSE_DELAY=-1", home)).isEmpty();
        assertThat(EmbeddedDatabase.of("jdbc:h2:tcp://db/cell", home)).isEmpty();
        assertThat(EmbeddedDatabase.of("jdbc:postgresql://db:5432/cell", home)).isEmpty();
        assertThat(CellHome.of(Map.of("CELL_HOME", "/opt/cell/"))).isEqualTo(home);
        assertThat(CellHome.of(Map.of())).isEqualTo(Path.of("").toAbsolutePath());
    }

    @Test
    void managementCommandsNeverCreateADatabase() throws Exception {
        Path config = dir.resolve("cell.yaml");
        Path missing = dir.resolve("elsewhere").resolve("cell");
        Files.writeString(config, "database:\n  url: \"jdbc:h2:file:" + missing + "\"\nlogging:\n  audit-file: \"" + dir.resolve("audit.log") + "\"\n");
        for (String[] command : List.of(new String[] {"client", "list"}, new String[] {"user", "delete", "demo"}, new String[] {"keys", "list"})) {
            CliRunner.Run r = CliRunner.run(config, "", command);
            assertThat(r.code()).isEqualTo(1);
            assertThat(r.err().lines().toList()).singleElement().asString()
                    .isEqualTo("error: no database at " + missing + ".mv.db: create it with `cell init` (or start the server once), "
                            + "or point database.url (or CELL_HOME) at the existing one");
        }
        assertThat(dir.resolve("elsewhere")).doesNotExist();
        assertThat(dir.resolve("audit.log")).doesNotExist();
    }

    @Test
    void aStartWithoutAMasterKeyLeavesNoDatabaseBehind() throws Exception {
        Path config = dir.resolve("cell.yaml");
        Files.writeString(config, "database:\n  url: \"jdbc:h2:file:" + dir.resolve("data").resolve("cell") + "\"\n");
        CliRunner.Run r = CliRunner.run(config, "", "start", "--port", "0");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("keys.master-key is not set");
        Thread.sleep(500);      // a database opened in the background would have left its files by now
        assertThat(dir.resolve("data")).doesNotExist();
    }
}
