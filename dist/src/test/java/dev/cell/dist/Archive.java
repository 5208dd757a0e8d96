package dev.cell.dist;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** The archive this module's build made ({@code target/cell-VERSION.tar.gz}), unpacked with tar as an operator would. */
final class Archive {
    private Archive() {}

    static Path file() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            List<Path> archives = files.filter(p -> p.getFileName().toString().matches("cell-.+\\.tar\\.gz")).toList();
            if (archives.size() != 1) {
                throw new IllegalStateException("expected one target/cell-*.tar.gz (run the package phase first), found " + archives);
            }
            return archives.get(0);
        }
    }

    /** Unpacks the archive into {@code dir}; returns its one top directory, {@code cell-VERSION}. */
    static Path unpack(Path dir) throws Exception {
        Process tar = new ProcessBuilder("tar", "xzf", file().toAbsolutePath().toString(), "-C", dir.toString()).inheritIO().start();
        if (!tar.waitFor(60, TimeUnit.SECONDS) || tar.exitValue() != 0) {
            throw new IllegalStateException("tar failed");
        }
        try (Stream<Path> top = Files.list(dir)) {
            return top.filter(p -> p.getFileName().toString().startsWith("cell-")).findFirst().orElseThrow();
        }
    }

    /** docs/configuration.md, next to this module. */
    static String docs(String name) throws IOException {
        return Files.readString(Path.of("..", "docs", name));
    }
}
