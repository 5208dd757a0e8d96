package dev.cell.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * Deletes what has expired (codes, tokens, grants, sessions, pending and pushed requests, deny-list entries, login counters, known browsers, used jtis,
 * retired keys, initial access tokens, audit events past their retention) in bounded batches. Every step is an idempotent bounded DELETE, so every node may run it at once.
 */
public final class Housekeeping {
    /** Batches per table per run, so one run never holds the database for long. */
    private static final int MAX_BATCHES = 20;

    private final Stores stores;
    private final Duration loginWindow;
    private final Duration auditRetention;
    private final int batchSize;
    private final Clock clock;

    /** @param auditRetention how long audit events are kept in the database */
    public Housekeeping(Stores stores, Duration loginWindow, Duration auditRetention, int batchSize, Clock clock) {
        this.stores = stores;
        this.loginWindow = loginWindow;
        this.auditRetention = auditRetention;
        this.batchSize = batchSize;
        this.clock = clock;
    }

    /** One pass over every table; returns the rows deleted per table. */
    public Map<String, Integer> runOnce() {
        Instant now = clock.instant();
        Map<String, Integer> deleted = new LinkedHashMap<>();
        deleted.put("authorization_codes", drain(() -> stores.authorizationCodes().deleteExpired(now, batchSize)));
        deleted.put("tokens", drain(() -> stores.tokens().deleteExpired(now, batchSize)));
        deleted.put("grants", drain(() -> stores.grants().deleteExpired(now, batchSize)));
        deleted.put("revoked_tokens", drain(() -> stores.revokedTokens().deleteExpired(now, batchSize)));
        deleted.put("login_sessions", drain(() -> stores.loginSessions().deleteExpired(now, batchSize)));
        deleted.put("pending_authorizations", drain(() -> stores.pendingAuthorizations().deleteExpired(now, batchSize)));
        deleted.put("pushed_authorizations", drain(() -> stores.pushedAuthorizations().deleteExpired(now, batchSize)));
        deleted.put("login_failures", drain(() -> stores.loginFailures().deleteExpired(now, loginWindow, batchSize)));
        deleted.put("known_browsers", drain(() -> stores.knownBrowsers().deleteExpired(now, batchSize)));
        deleted.put("used_jtis", drain(() -> stores.usedJtis().deleteExpired(now, batchSize)));
        deleted.put("signing_keys", drain(() -> stores.signingKeys().deleteExpired(now, batchSize)));
        deleted.put("initial_access_tokens", drain(() -> stores.initialAccessTokens().deleteExpired(now, batchSize)));
        deleted.put("audit_events", drain(() -> stores.audit().deleteBefore(now.minus(auditRetention), batchSize)));
        return deleted;
    }

    private int drain(IntSupplier batch) {
        int total = 0;
        for (int i = 0; i < MAX_BATCHES; i++) {
            int n = batch.getAsInt();
            total += n;
            if (n < batchSize) {
                break;
            }
        }
        return total;
    }
}
