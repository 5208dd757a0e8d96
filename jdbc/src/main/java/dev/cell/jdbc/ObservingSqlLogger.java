package dev.cell.jdbc;

import java.sql.SQLException;
import java.time.Instant;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.StatementContext;

/** Hands each statement Jdbi ran to a {@link StatementObserver}, after it ran, with the times Jdbi took. */
final class ObservingSqlLogger implements SqlLogger {
    private final StatementObserver observer;

    ObservingSqlLogger(StatementObserver observer) {
        this.observer = observer;
    }

    @Override
    public void logAfterExecution(StatementContext ctx) {
        report(ctx, null);
    }

    @Override
    public void logException(StatementContext ctx, SQLException ex) {
        report(ctx, ex);
    }

    private void report(StatementContext ctx, Throwable failure) {
        Instant start = ctx.getExecutionMoment();
        Instant end = ctx.getCompletionMoment() != null ? ctx.getCompletionMoment() : ctx.getExceptionMoment();
        String sql = ctx.getParsedSql() != null ? ctx.getParsedSql().getSql() : ctx.getRawSql();
        observer.statement(sql, start != null ? start : Instant.now(), end != null ? end : Instant.now(), failure);
    }
}
