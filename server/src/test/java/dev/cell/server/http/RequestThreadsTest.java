package dev.cell.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Requests' virtual threads run on twice as many carriers as processors, unless the JVM was given a number. */
class RequestThreadsTest {
    private static final int PROCESSORS = Runtime.getRuntime().availableProcessors();

    @Test
    void virtualThreadsRunOnTwiceAsManyCarriersAsProcessors() throws Exception {
        assertThat(probe(2 * PROCESSORS)).isEqualTo("carriers=" + 2 * PROCESSORS);
    }

    @Test
    void aCarrierCountGivenToTheJvmIsKept() throws Exception {
        assertThat(probe(2 * PROCESSORS, "-D" + RequestThreads.PARALLELISM + "=1")).isEqualTo("carriers=1");
    }

    /** Runs {@link CarrierCountProbe} in a new JVM (in this one the scheduler is long made) and returns its output. */
    private static String probe(int wanted, String... jvmOptions) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), CarrierCountProbe.class.getName(), String.valueOf(wanted)));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    }
}
