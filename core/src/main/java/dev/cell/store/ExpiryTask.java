package dev.cell.store;

import java.time.Instant;

/**
 * One table's share of {@link Housekeeping}: a bounded, idempotent DELETE of what expired before {@code now}, safe on every node at once.
 *
 * @param table the table it empties, the key of {@link Housekeeping#runOnce}'s answer
 */
public record ExpiryTask(String table, BatchDelete delete) {

    /** Deletes at most {@code batchSize} rows that expired before {@code now}; returns how many it deleted. */
    @FunctionalInterface
    public interface BatchDelete {
        int deleteExpired(Instant now, int batchSize);
    }
}
