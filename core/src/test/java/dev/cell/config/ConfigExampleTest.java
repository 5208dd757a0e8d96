package dev.cell.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigExampleTest {
    @TempDir
    Path dir;

    @Test
    void asShippedEveryKeyIsCommentedOutAndTheFileGivesTheDefaults() throws Exception {
        String example = ConfigExample.render(ConfigKeys.ALL);
        for (ConfigKey key : ConfigKeys.ALL) {
            assertThat(example).as(key.path()).containsPattern("(?m)^#" + java.util.regex.Pattern.quote(key.path()) + ":");
        }
        assertThat(load(example)).isEqualTo(new ConfigLoader().load(null, Map.of(), Map.of()));
    }

    @Test
    void uncommentingEveryKeyStillGivesTheDefaults() throws Exception {
        String uncommented = ConfigExample.render(ConfigKeys.ALL).lines()
                .map(l -> l.matches("#[a-z][a-z0-9.-]*:.*") ? l.substring(1) : l)
                .collect(Collectors.joining("\n"));
        assertThat(uncommented).contains("\nserver.port: 9000\n").contains("\nlogging.format: auto\n");
        assertThat(load(uncommented)).isEqualTo(new ConfigLoader().load(null, Map.of(), Map.of()));
    }

    @Test
    void mainWritesTheFile() throws Exception {
        Path file = dir.resolve("conf/cell.yaml");
        ConfigExample.main(new String[] {file.toString()});
        assertThat(Files.readString(file)).isEqualTo(ConfigExample.render(ConfigKeys.ALL));
    }

    private CellConfig load(String yaml) throws Exception {
        Path file = dir.resolve("cell.yaml");
        Files.writeString(file, yaml);
        return new ConfigLoader().load(file, Map.of(), Map.of());
    }
}
