package dev.cell.store;

import dev.cell.logout.LogoutDelivery;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * The back-channel logout delivery queue (OIDC Back-Channel Logout 1.0 §2.5), shared by every node: a worker leases due rows,
 * and only the holder of a live lease may settle one, so two workers never post the same attempt and a row whose worker died
 * is taken over once its lease runs out.
 */
public interface LogoutDeliveryStore {
    /** Adds pending deliveries. */
    void enqueue(Collection<LogoutDelivery> deliveries);

    /**
     * Leases up to {@code limit} pending rows that are due and not leased (or whose lease ran out) to {@code owner} until
     * {@code leaseUntil}, counting an attempt for each; each row goes to one caller only, on H2 and PostgreSQL alike.
     */
    List<LogoutDelivery> claim(String owner, Instant now, Instant leaseUntil, int limit);

    /** Marks a row delivered if {@code owner} still holds its lease; false otherwise. */
    boolean delivered(String id, String owner, Instant now);

    /** Puts a row back for another attempt at {@code nextAttemptAt}, releasing the lease, if {@code owner} still holds it. */
    boolean retry(String id, String owner, Instant nextAttemptAt, String error, Instant now);

    /** Marks a row finally failed with its last error, if {@code owner} still holds its lease. */
    boolean failed(String id, String owner, String error, Instant now);

    /**
     * Rows of one status (null: any), newest first (by creation time, then id); a page goes on after the row created at
     * {@code afterCreatedAt} with id {@code afterId} (both null: from the start).
     */
    List<LogoutDelivery> list(LogoutDelivery.Status status, Instant afterCreatedAt, String afterId, int limit);

    /** Deletes delivered and failed rows last changed before {@code before}; returns how many. */
    int deleteFinishedBefore(Instant before, int limit);
}
