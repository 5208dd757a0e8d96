package dev.cell.server.cli;

import dev.cell.config.CellConfig;
import dev.cell.event.AuditSink;
import dev.cell.jdbc.Database;
import dev.cell.server.AuditLog;
import dev.cell.server.CellHome;
import dev.cell.server.EmbeddedDatabase;
import dev.cell.server.LoggingSetup;
import java.security.SecureRandom;
import java.time.Clock;

/** What the management commands share: configuration, logging and a database opened for the command's duration. */
final class Cli {
    private Cli() {}

    static CellConfig config(CellCommand root) {
        CellConfig config = root.loadConfig(java.util.Map.of());
        LoggingSetup.applyForCommand(config.logging());
        return config;
    }

    /** Opens the existing database, then sends the audit trail to {@code logging.audit-file}. */
    static Database open(CellConfig config) {
        Database db = EmbeddedDatabase.openExisting(config.database(), CellHome.get(), 2);
        try {
            LoggingSetup.auditTo(CellHome.resolve(CellHome.get(), config.logging().auditFile()));
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
        return db;
    }

    static SecureRandom random() {
        return new SecureRandom();
    }

    /** The audit trail of management commands. */
    static AuditSink audit() {
        return new AuditLog(Clock.systemUTC());
    }

    /** Who runs a management command, as the audit trail names them. */
    static String actor() {
        return "cli:" + System.getProperty("user.name", "unknown");
    }
}
