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
import dev.cell.server.http.AccessLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/** Sends logs to standard error as JSON lines (or text), so standard output stays for command results; audit lines always as JSON. */
public final class LoggingSetup {
    private LoggingSetup() {}

    /** For a management command: its own messages at WARN on standard error; audit lines only once {@link #auditTo} names a file. */
    public static void applyForCommand(CellConfig.Logging logging) {
        apply(new CellConfig.Logging("warn", logging.format(), logging.auditFile(), false));
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

    /** Whether logs are JSON: {@code logging.format} json, or auto when no person started the process (no console). */
    public static boolean json(CellConfig.Logging logging) {
        return json(logging.format(), System.console() != null);
    }

    /** @param console whether a person's terminal is attached ({@code System.console()} present) */
    static boolean json(String format, boolean console) {
        return switch (format) {
            case "json" -> true;
            case "text" -> false;
            default -> !console;
        };
    }

    public static void apply(CellConfig.Logging logging) {
        LoggerContext context = context();
        context.reset();
        Encoder<ILoggingEvent> encoder;
        boolean json = json(logging);
        if (json) {
            JsonEncoder jsonEncoder = new JsonEncoder();
            jsonEncoder.setWithSequenceNumber(false);
            jsonEncoder.setWithNanoseconds(false);
            jsonEncoder.setWithContext(false);
            jsonEncoder.setWithFormattedMessage(true);
            jsonEncoder.setWithArguments(false);
            jsonEncoder.setWithMessage(false);
            encoder = jsonEncoder;
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
        accessLog(context, logging.accessLog(), json);
    }

    /** Access lines at INFO whatever logging.level says (it is their switch); as JSON they are written as they are, as text with the other logs. */
    private static void accessLog(LoggerContext context, boolean on, boolean json) {
        Logger access = context.getLogger(AccessLog.LOGGER);
        access.setLevel(on ? Level.INFO : Level.OFF);
        if (on && json) {
            access.setAdditive(false);
            access.addAppender(raw(context, "access", null));
        }
    }

    /** Audit lines are JSON already: their own appender writes each as it is (to the file, else standard error), whatever the level and format. */
    private static void audit(LoggerContext context, Path auditFile) {
        Logger audit = context.getLogger(AuditLog.LOGGER);
        audit.setLevel(Level.INFO);
        audit.setAdditive(false);
        audit.addAppender(raw(context, "audit", auditFile));
    }

    /** An appender writing each message as it is, one per line, to {@code file} or else standard error. */
    private static OutputStreamAppender<ILoggingEvent> raw(LoggerContext context, String name, Path file) {
        PatternLayoutEncoder raw = new PatternLayoutEncoder();
        raw.setPattern("%msg%n");
        raw.setContext(context);
        raw.start();
        OutputStreamAppender<ILoggingEvent> appender;
        if (file == null) {
            ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
            console.setTarget("System.err");
            appender = console;
        } else {
            FileAppender<ILoggingEvent> out = new FileAppender<>();
            out.setFile(file.toString());
            out.setAppend(true);
            appender = out;
        }
        appender.setContext(context);
        appender.setName(name);
        appender.setEncoder(raw);
        appender.start();
        return appender;
    }
}
