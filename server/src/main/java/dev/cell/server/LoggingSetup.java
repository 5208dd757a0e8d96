package dev.cell.server;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import dev.cell.config.CellConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/** Sends logs to standard error as JSON lines (or text), so standard output stays for command results; audit lines always as JSON. */
public final class LoggingSetup {
    private LoggingSetup() {}

    /** For a management command: its own messages at WARN on standard error; audit lines only once {@link #auditTo} names a file. */
    public static void applyForCommand(CellConfig.Logging logging) {
        apply(new CellConfig.Logging("warn", logging.format(), logging.auditFile()));
        context().getLogger(AuditLog.LOGGER).detachAndStopAllAppenders();
    }

    /** Appends audit lines to {@code file} (owner-only), so they never mix with what a command prints. */
    public static void auditTo(Path file) {
        try {
            if (!Files.exists(file)) {
                OwnerOnly.write(file, "");
            }
        } catch (IOException e) {
            throw new IllegalStateException("logging.audit-file: cannot write " + file + ": " + e.getMessage());
        }
        LoggerContext context = context();
        Logger audit = context.getLogger(AuditLog.LOGGER);
        audit.detachAndStopAllAppenders();
        audit(context, file);
    }

    private static LoggerContext context() {
        return (LoggerContext) LoggerFactory.getILoggerFactory();
    }

    public static void apply(CellConfig.Logging logging) {
        LoggerContext context = context();
        context.reset();
        Encoder<ILoggingEvent> encoder;
        if (logging.format().equals("json")) {
            JsonEncoder json = new JsonEncoder();
            json.setWithSequenceNumber(false);
            json.setWithNanoseconds(false);
            json.setWithContext(false);
            json.setWithFormattedMessage(true);
            json.setWithArguments(false);
            json.setWithMessage(false);
            encoder = json;
        } else {
            PatternLayoutEncoder text = new PatternLayoutEncoder();
            text.setPattern("%d{HH:mm:ss.SSS} %-5level %logger{20} - %msg%n");
            encoder = text;
        }
        encoder.setContext(context);
        encoder.start();
        ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
        appender.setContext(context);
        appender.setName("stderr");
        appender.setTarget("System.err");
        appender.setEncoder(encoder);
        appender.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(appender);
        context.getLogger("dev.cell").setLevel(Level.toLevel(logging.level(), Level.INFO));
        audit(context, null);
    }

    /** Audit lines are JSON already: their own appender writes each as it is (to the file, else standard error), whatever the level and format. */
    private static void audit(LoggerContext context, Path auditFile) {
        PatternLayoutEncoder raw = new PatternLayoutEncoder();
        raw.setPattern("%msg%n");
        raw.setContext(context);
        raw.start();
        OutputStreamAppender<ILoggingEvent> appender;
        if (auditFile == null) {
            ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
            console.setTarget("System.err");
            appender = console;
        } else {
            FileAppender<ILoggingEvent> file = new FileAppender<>();
            file.setFile(auditFile.toString());
            file.setAppend(true);
            appender = file;
        }
        appender.setContext(context);
        appender.setName("audit");
        appender.setEncoder(raw);
        appender.start();
        Logger audit = context.getLogger(AuditLog.LOGGER);
        audit.setLevel(Level.INFO);
        audit.setAdditive(false);
        audit.addAppender(appender);
    }
}
