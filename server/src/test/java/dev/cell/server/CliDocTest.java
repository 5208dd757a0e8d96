package dev.cell.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every command docs/cli.md shows exists: its words, with --help, print the command's usage. */
class CliDocTest {
    @TempDir
    Path dir;

    @Test
    void everyDocumentedCommandExists() throws Exception {
        Path config = dir.resolve("cell.yaml");
        Files.writeString(config, "logging:\n  format: text\n");
        List<List<String>> commands = new ArrayList<>();
        for (String line : Files.readString(Path.of("..", "docs", "cli.md")).lines().toList()) {
            if (!line.startsWith("./cell ")) {
                continue;
            }
            List<String> words = new ArrayList<>();
            for (String token : line.substring("./cell ".length()).split("\\s+")) {
                String first = token.split("\\|")[0];
                if (!first.matches("[a-z][a-z-]*") || first.equals("alice")) {
                    break;
                }
                words.add(first);
            }
            commands.add(words);
        }
        assertThat(commands).extracting(w -> String.join(" ", w)).contains("user sessions list", "audit query", "keys list", "user disable",
                "client registration-token create");
        for (List<String> words : commands) {
            List<String> args = new ArrayList<>(words);
            args.add("--help");
            CliRunner.Run r = CliRunner.run(config, "", args.toArray(String[]::new));
            assertThat(r.code()).as(String.join(" ", words) + ": " + r.err()).isZero();
            assertThat(r.out()).as(String.join(" ", words)).startsWith("Usage: cell " + String.join(" ", words));
        }
    }
}
