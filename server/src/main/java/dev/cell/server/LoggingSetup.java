package dev.cell.server;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import dev.cell.config.CellConfig;
import org.slf4j.LoggerFactory;

/** Sends logs to standard error as JSON lines (or text), so standard output stays for command results; audit lines always as JSON. */
public final class LoggingSetup {
    private LoggingSetup() {}

    public static void apply(CellConfig.Logging logging) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
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
        audit(context);
    }

    /** Audit lines are JSON already: their own appender writes each as it is, whatever the log level and format. */
    private static void audit(LoggerContext context) {
        PatternLayoutEncoder raw = new PatternLayoutEncoder();
        raw.setPattern("%msg%n");
        raw.setContext(context);
        raw.start();
        ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
        appender.setContext(context);
        appender.setName("audit");
        appender.setTarget("System.err");
        appender.setEncoder(raw);
        appender.start();
        Logger audit = context.getLogger(AuditLog.LOGGER);
        audit.setLevel(Level.INFO);
        audit.setAdditive(false);
        audit.addAppender(appender);
    }
}
