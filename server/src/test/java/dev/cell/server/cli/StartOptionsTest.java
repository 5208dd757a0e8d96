package dev.cell.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StartOptionsTest {

    @Test
    void readsAPlainStartCommandLineInEveryFormPicocliAccepts() {
        assertThat(StartOptions.parse("start")).isEqualTo(new StartOptions(null, false, null));
        assertThat(StartOptions.parse("start", "--demo")).isEqualTo(new StartOptions(null, true, null));
        assertThat(StartOptions.parse("--config", "cell.yaml", "start", "--port", "9100"))
                .isEqualTo(new StartOptions(Path.of("cell.yaml"), false, 9100));
        assertThat(StartOptions.parse("-c", "a/b.yaml", "start", "--port=8080", "--demo"))
                .isEqualTo(new StartOptions(Path.of("a/b.yaml"), true, 8080));
        assertThat(StartOptions.parse("--config=x.yaml", "start")).isEqualTo(new StartOptions(Path.of("x.yaml"), false, null));
        assertThat(StartOptions.parse("--config", "start", "start")).isEqualTo(new StartOptions(Path.of("start"), false, null));
    }

    /** Each of these is left to picocli, which prints help, the version, or what is wrong. */
    @ParameterizedTest
    @ValueSource(strings = {
        "", "--help", "client list", "start --help", "start -h", "--version start", "start --version", "start --demo --demo",
        "start --port 1 --port 2", "start --port", "start --port x", "start --port -1", "start --port +80", "start --port 123456",
        "start --config x.yaml", "start extra", "--config a --config b start", "--config start", "-c start", "--config --demo start",
        "--verbose start", "start --Demo"
    })
    void leavesEveryOtherCommandLineToPicocli(String line) {
        assertThat(StartOptions.parse(line.isEmpty() ? new String[0] : line.split(" "))).isNull();
    }
}
