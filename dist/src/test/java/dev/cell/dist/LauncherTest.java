package dev.cell.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bin/cell} finds a Java 21 or newer and runs Cell's commands from wherever it is called. */
class LauncherTest {
    @TempDir
    static Path dir;
    static Path cell;

    @BeforeAll
    static void unpack() throws Exception {
        cell = Archive.unpack(dir);
    }

    /** Runs bin/cell (or {@code launcher}) with {@code env} added; returns exit code and output. */
    static String[] run(Path launcher, Map<String, String> env, String... args) throws Exception {
        ProcessBuilder pb = new ProcessBuilder();
        pb.command().add(launcher.toString());
        pb.command().addAll(java.util.List.of(args));
        pb.environment().keySet().removeIf(k -> k.startsWith("CELL_"));
        pb.environment().putAll(env);
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new String[] {Integer.toString(p.exitValue()), out};
    }

    @Test
    void runsACommandWithTheJavaOfJavaHome() throws Exception {
        String[] r = run(cell.resolve("bin/cell"), Map.of("JAVA_HOME", System.getProperty("java.home")), "--version");
        assertThat(r[0]).as(r[1]).isEqualTo("0");
        assertThat(r[1]).contains("Cell ");
    }

    @Test
    void worksThroughASymbolicLinkFromAnotherDirectory() throws Exception {
        Path link = Files.createSymbolicLink(dir.resolve("cell-link"), cell.resolve("bin/cell"));
        String[] r = run(link, Map.of("JAVA_HOME", System.getProperty("java.home")), "--help");
        assertThat(r[0]).as(r[1]).isEqualTo("0");
        assertThat(r[1]).contains("start");
    }

    @Test
    void aJavaHomeOlderThan21IsPassedOverWithAWarning() throws Exception {
        Path old = dir.resolve("old-jdk");
        Files.createDirectories(old.resolve("bin"));
        Path java = old.resolve("bin/java");
        Files.writeString(java, "#!/bin/sh\necho 'java.specification.version = 17' >&2\nexit 1\n");
        java.toFile().setExecutable(true);
        Files.writeString(old.resolve("release"), "JAVA_VERSION=\"17.0.9\"\n");
        // the Java running this test is on the PATH, so the launcher finds a Java 21+ there if not under /usr/lib/jvm
        String path = Path.of(System.getProperty("java.home"), "bin") + ":" + System.getenv("PATH");
        String[] r = run(cell.resolve("bin/cell"), Map.of("JAVA_HOME", old.toString(), "PATH", path), "--version");
        assertThat(r[1]).contains("JAVA_HOME=" + old + " is not a Java 21 or newer");
        assertThat(r[0]).as(r[1]).isEqualTo("0");
        assertThat(r[1]).contains("Cell ");
    }
}
