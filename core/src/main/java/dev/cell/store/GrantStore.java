package dev.cell.store;

import dev.cell.session.UserGrant;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/** Every grant a user holds and the login session it came through, shared by every node. */
public interface GrantStore {
    /** Records a grant; recording the same grant id again changes nothing. */
    void save(UserGrant grant);

    /** The grants issued through one login session. */
    List<UserGrant> listForSession(String sessionId);

    /** The grants issued through any of these login sessions. */
    List<UserGrant> listForSessions(Collection<String> sessionIds);

    /** Every recorded grant of the user. */
    List<UserGrant> listForUser(String userId);

    /** Forgets ended grants; returns how many rows went. */
    int delete(Collection<String> grantIds);

    int deleteExpired(Instant now, int limit);
}
