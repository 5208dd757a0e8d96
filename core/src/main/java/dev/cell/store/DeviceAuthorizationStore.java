package dev.cell.store;

import dev.cell.device.DeviceAuthorization;
import java.time.Instant;
import java.util.Optional;

/** Device authorization requests (RFC 8628 §3.1) from their start to their one token response, shared by every node. */
public interface DeviceAuthorizationStore {
    /**
     * Saves a pending request unless its client already has {@code maxPerClient} unexpired ones, counted in the statement
     * that inserts.
     *
     * @return false when the bound is reached and nothing was saved
     * @throws DuplicateException when the device or user code hash is taken (the caller draws new codes)
     */
    boolean saveWithin(DeviceAuthorization request, int maxPerClient);

    /** The unexpired pending request with this user code hash (the verification page, RFC 8628 §3.3). */
    Optional<DeviceAuthorization> findPending(String userCodeHash, Instant now);

    /** The request with this device code hash issued to {@code clientId}, expired or not; another client's is never found. */
    Optional<DeviceAuthorization> find(String deviceCodeHash, String clientId);

    /** Approves the unexpired pending request; false when it is no longer pending or has expired. */
    boolean approve(String userCodeHash, DeviceAuthorization.Approval approval, Instant now);

    /** Denies the unexpired pending request; false when it is no longer pending or has expired. */
    boolean deny(String userCodeHash, Instant now);

    /**
     * Records a poll of a pending request (RFC 8628 §3.5) if at least its interval has passed since the last one; otherwise
     * raises its interval by {@code slowDownSeconds}, records the poll and returns false ({@code slow_down}). Both in one
     * conditional statement each, so nodes agree on the interval.
     */
    boolean pollInTime(String deviceCodeHash, String clientId, Instant now, int slowDownSeconds);

    /**
     * Removes and returns the unexpired approved request with this hash issued to {@code clientId}, for exactly one caller
     * however many race (the token response is given once).
     */
    Optional<DeviceAuthorization> consume(String deviceCodeHash, String clientId, Instant now);

    int deleteExpired(Instant now, int limit);
}
