package dev.cell.store;

import dev.cell.session.LoginSession;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Browser login sessions shared by every node. */
public interface LoginSessionStore {
    void save(LoginSession session);

    /** The session if it exists and has not expired at {@code now}. */
    Optional<LoginSession> find(String idHash, Instant now);

    boolean touch(String idHash, Instant lastSeenAt, Instant expiresAt);

    boolean delete(String idHash);

    int deleteForUser(String userId);

    /** The user's unexpired sessions in {@code idHash} order after {@code afterIdHash} (null: from the start); at most {@code limit}. */
    List<LoginSession> listForUser(String userId, Instant now, String afterIdHash, int limit);

    /** Deletes one session if it is the user's; false otherwise. */
    boolean delete(String idHash, String userId);

    int deleteExpired(Instant now, int limit);
}
