package dev.cell.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deletes what has expired in bounded batches, one {@link ExpiryTask} per table: the shared stores' tables ({@link #storeTasks}) and
 * those of each optional feature. Every task is an idempotent bounded DELETE, so every node may run it at once.
 */
public final class Housekeeping {
    /** Batches per table per run, so one run never holds the database for long. */
    private static final int MAX_BATCHES = 20;

    private final List<ExpiryTask> tasks;
    private final int batchSize;
    private final Clock clock;

    public Housekeeping(List<ExpiryTask> tasks, int batchSize, Clock clock) {
        this.tasks = List.copyOf(tasks);
        this.batchSize = batchSize;
        this.clock = clock;
    }

    /**
     * The shared stores' tasks: codes, tokens, grants, deny-list entries, sessions, pending requests, login counters, known browsers,
     * used jtis, retired keys, initial access tokens, and audit events past their retention.
     *
     * @param loginWindow how long a login (and open registration) counter row counts
     * @param auditRetention how long audit events are kept in the database
     */
    public static List<ExpiryTask> storeTasks(Stores stores, Duration loginWindow, Duration auditRetention) {
        return List.of(
                new ExpiryTask("authorization_codes", stores.authorizationCodes()::deleteExpired),
                new ExpiryTask("tokens", stores.tokens()::deleteExpired),
                new ExpiryTask("grants", stores.grants()::deleteExpired),
                new ExpiryTask("revoked_tokens", stores.revokedTokens()::deleteExpired),
                new ExpiryTask("login_sessions", stores.loginSessions()::deleteExpired),
                new ExpiryTask("pending_authorizations", stores.pendingAuthorizations()::deleteExpired),
                new ExpiryTask("login_failures", (now, n) -> stores.loginFailures().deleteExpired(now, loginWindow, n)),
                new ExpiryTask("known_browsers", stores.knownBrowsers()::deleteExpired),
                new ExpiryTask("used_jtis", stores.usedJtis()::deleteExpired),
                new ExpiryTask("signing_keys", stores.signingKeys()::deleteExpired),
                new ExpiryTask("initial_access_tokens", stores.initialAccessTokens()::deleteExpired),
                new ExpiryTask("audit_events", (now, n) -> stores.audit().deleteBefore(now.minus(auditRetention), n)));
    }

    /** One pass over every task; returns the rows deleted per table. */
    public Map<String, Integer> runOnce() {
        Instant now = clock.instant();
        Map<String, Integer> deleted = new LinkedHashMap<>();
        for (ExpiryTask task : tasks) {
            deleted.put(task.table(), drain(task.delete(), now));
        }
        return deleted;
    }

    private int drain(ExpiryTask.BatchDelete delete, Instant now) {
        int total = 0;
        for (int i = 0; i < MAX_BATCHES; i++) {
            int n = delete.deleteExpired(now, batchSize);
            total += n;
            if (n < batchSize) {
                break;
            }
        }
        return total;
    }
}
