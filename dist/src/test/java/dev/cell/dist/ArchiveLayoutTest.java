package dev.cell.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code cell-VERSION.tar.gz} holds: launcher, jars, the commented configuration, the systemd unit and the Dockerfile. */
class ArchiveLayoutTest {
    @TempDir
    static Path dir;
    static Path cell;

    @BeforeAll
    static void unpack() throws Exception {
        cell = Archive.unpack(dir);
    }

    @Test
    void hasAnExecutableLauncherAndTheServersJars() throws Exception {
        assertThat(cell.getFileName().toString()).matches("cell-\\d+\\.\\d+\\.\\d+.*");
        assertThat(Files.getPosixFilePermissions(cell.resolve("bin/cell"))).contains(PosixFilePermission.OWNER_EXECUTE,
                PosixFilePermission.OTHERS_EXECUTE);
        assertThat(Files.readString(cell.resolve("bin/cell"))).startsWith("#!/bin/sh\n");
        try (var jars = Files.list(cell.resolve("lib"))) {
            assertThat(jars.map(p -> p.getFileName().toString()).toList())
                    .anyMatch(n -> n.startsWith("cell-server-")).anyMatch(n -> n.startsWith("cell-core-"))
                    .anyMatch(n -> n.startsWith("postgresql-")).allMatch(n -> n.endsWith(".jar"));
        }
    }

    @Test
    void confCellYamlHasEveryDocumentedKeyCommentedOut() throws Exception {
        String yaml = Files.readString(cell.resolve("conf/cell.yaml"));
        Matcher rows = Pattern.compile("(?m)^\\| `([a-z][a-z0-9.-]*)` \\| `CELL_").matcher(Archive.docs("configuration.md"));
        int keys = 0;
        while (rows.find()) {
            keys++;
            assertThat(yaml).as("conf/cell.yaml has " + rows.group(1)).containsPattern("(?m)^#" + Pattern.quote(rows.group(1)) + ":");
        }
        assertThat(keys).isGreaterThan(40);
        assertThat(yaml.lines().filter(l -> !l.isBlank())).allMatch(l -> l.startsWith("#"));
    }

    @Test
    void theSystemdUnitRunsTheLauncherUnprivilegedOnAReadOnlySystem() throws Exception {
        List<String> unit = Files.readAllLines(cell.resolve("share/cell.service"));
        assertThat(unit).contains("ExecStart=/opt/cell/bin/cell start", "DynamicUser=yes", "StateDirectory=cell", "NoNewPrivileges=yes",
                "ProtectSystem=strict", "ReadWritePaths=/var/lib/cell", "Environment=CELL_HOME=/var/lib/cell", "PrivateTmp=yes",
                "CapabilityBoundingSet=", "SuccessExitStatus=143");
        assertThat(unit).noneMatch(l -> l.startsWith("User=root") || l.startsWith("MemoryDenyWriteExecute=yes"));
    }

    @Test
    void systemdFindsNothingWrongWithTheUnit() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/systemd-analyze")), "systemd-analyze is not installed: unit not verified");
        Path unit = dir.resolve("verify/cell.service");
        Files.createDirectories(unit.getParent());
        // the unit names /opt/cell/bin/cell, which is not installed here; systemd checks that ExecStart exists
        Files.writeString(unit, Files.readString(cell.resolve("share/cell.service")).replace("/opt/cell/bin/cell", cell.resolve("bin/cell").toString()));
        Process verify = new ProcessBuilder("systemd-analyze", "verify", unit.toString()).redirectErrorStream(true).start();
        String out = new String(verify.getInputStream().readAllBytes());
        assertThat(verify.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(verify.exitValue()).as(out).isZero();
        assertThat(out).as(out).doesNotContain("Unknown").doesNotContain("cell.service:");
    }

    @Test
    void theDockerfileCopiesTheArchiveAndRunsAsANonRootUserWithADataVolume() throws Exception {
        List<String> lines = Files.readAllLines(cell.resolve("Dockerfile")).stream().filter(l -> !l.startsWith("#")).toList();
        List<String> users = lines.stream().filter(l -> l.startsWith("USER ")).toList();
        assertThat(users).hasSize(1);
        assertThat(users.get(0)).doesNotContain("root").doesNotMatch("USER 0(:.*)?");
        assertThat(lines.indexOf(users.get(0))).isGreaterThan(lines.indexOf(lines.stream().filter(l -> l.startsWith("RUN ")).findFirst().orElseThrow()));
        for (String part : List.of("bin", "lib", "conf")) {
            assertThat(lines).as("copies " + part).contains("COPY " + part + "/ /opt/cell/" + part + "/");
            assertThat(Files.isDirectory(cell.resolve(part))).isTrue();
        }
        assertThat(lines).contains("VOLUME [\"/var/lib/cell\"]", "ENTRYPOINT [\"/opt/cell/bin/cell\"]");
        assertThat(lines).anyMatch(l -> l.contains("CELL_HOME=/var/lib/cell"));
        assertThat(Files.readString(cell.resolve(".dockerignore"))).contains("!lib/");
    }
}
