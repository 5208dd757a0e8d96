package dev.cell.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import com.fasterxml.jackson.databind.JsonNode;
import dev.cell.config.CellConfig;
import dev.cell.server.http.AccessLog;
import dev.cell.token.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** logging.format: text for a person at a terminal, JSON when configured or when no terminal is attached. */
class LoggingFormatTest {
    private final PrintStream stderr = System.err;

    @AfterEach
    void restore() throws Exception {
        System.setErr(stderr);
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        new ContextInitializer(context).autoConfig();
    }

    @Test
    void autoIsTextOnATerminalAndJsonElsewhere() {
        assertThat(LoggingSetup.json("auto", true)).isFalse();
        assertThat(LoggingSetup.json("auto", false)).isTrue();
        assertThat(LoggingSetup.json("json", true)).isTrue();
        assertThat(LoggingSetup.json("text", false)).isFalse();
        assertThat(System.console()).as("the test JVM runs on pipes, as under systemd or in a container").isNull();
        assertThat(LoggingSetup.json(logging("auto", false))).isTrue();
    }

    @Test
    void jsonLinesAreJsonObjects() throws Exception {
        String out = capture(logging("json", false), () -> LoggerFactory.getLogger("dev.cell.server.Test").info("hello {}", "there"));
        JsonNode line = Json.MAPPER.readTree(out.lines().findFirst().orElseThrow());
        assertThat(line.get("level").asText()).isEqualTo("INFO");
        assertThat(line.get("loggerName").asText()).isEqualTo("dev.cell.server.Test");
        assertThat(line.get("formattedMessage").asText()).isEqualTo("hello there");
    }

    @Test
    void textLinesAreForPeople() {
        String out = capture(logging("text", false), () -> LoggerFactory.getLogger("dev.cell.server.Test").info("hello {}", "there"));
        assertThat(out).matches("(?s)\\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO  d.cell.server.Test - hello there\\R");
    }

    @Test
    void accessLinesFollowTheFormatAndTheirOwnSwitch() throws Exception {
        CellConfig.Logging quietJson = new CellConfig.Logging("warn", "json", "data/audit.log", true);
        String json = capture(quietJson, () -> LoggerFactory.getLogger(AccessLog.LOGGER).info("{\"path\":\"/oauth/token\"}"));
        assertThat(Json.MAPPER.readTree(json.strip()).get("path").asText()).as("written as it is, whatever logging.level").isEqualTo("/oauth/token");
        String text = capture(new CellConfig.Logging("warn", "text", "data/audit.log", true),
                () -> LoggerFactory.getLogger(AccessLog.LOGGER).info("127.0.0.1 GET /oauth/jwks 200"));
        assertThat(text).contains("INFO  cell.access - 127.0.0.1 GET /oauth/jwks 200");
        String off = capture(logging("json", false), () -> LoggerFactory.getLogger(AccessLog.LOGGER).info("never"));
        assertThat(off).isEmpty();
    }

    private static CellConfig.Logging logging(String format, boolean accessLog) {
        return new CellConfig.Logging("info", format, "data/audit.log", accessLog);
    }

    private String capture(CellConfig.Logging logging, Runnable logs) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            LoggingSetup.apply(logging);
            logs.run();
        } finally {
            System.setErr(stderr);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
