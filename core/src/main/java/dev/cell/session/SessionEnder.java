package dev.cell.session;

import dev.cell.store.GrantStore;
import dev.cell.store.LoginSessionStore;
import dev.cell.store.TokenStore;
import dev.cell.token.ActiveGrant;
import dev.cell.token.GrantRevoker;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Ends login sessions and the grants that depend on them, in the database so every node sees it at once: refresh and
 * opaque tokens revoked, JWT access tokens deny-listed by grant (RFC 7009 §2.1 reach; OIDC RP-Initiated Logout 1.0 §2
 * and Back-Channel Logout 1.0 §2 for what a sign-out ends). A session's id goes on the deny list first, so a code or token
 * issued through it while it ends is refused too.
 */
public final class SessionEnder {
    private final LoginSessionStore sessions;
    private final GrantStore grants;
    private final TokenStore tokens;
    private final GrantRevoker revoker;
    private final SessionEndListener listener;
    private final Clock clock;

    /** @param listener told of the ended sessions' grants before they are forgotten (back-channel logout queues its tokens) */
    public SessionEnder(LoginSessionStore sessions, GrantStore grants, TokenStore tokens, GrantRevoker revoker, SessionEndListener listener,
            Clock clock) {
        this.sessions = sessions;
        this.grants = grants;
        this.tokens = tokens;
        this.revoker = revoker;
        this.listener = listener;
        this.clock = clock;
    }

    /** What one call ended: the sessions and the grants (with the clients they were for). */
    public record Ended(List<String> sessionIds, List<UserGrant> grants) {
        public Ended {
            sessionIds = List.copyOf(sessionIds);
            grants = List.copyOf(grants);
        }
    }

    /** Signs out one session (RP-initiated logout, the account page) and ends the grants issued through it. */
    public Ended endSession(String sessionId) {
        revoker.revokeSession(sessionId);
        boolean deleted = sessions.delete(sessionId);
        List<UserGrant> ended = grants.listForSession(sessionId);
        listener.ended(ended);
        end(ended.stream().map(UserGrant::grantId).toList());
        return new Ended(deleted ? List.of(sessionId) : List.of(), ended);
    }

    /** Like {@link #endSession(String)}, but only if the session is the user's and has not expired; false otherwise. */
    public boolean endSessionOf(String userId, String sessionId) {
        if (sessions.find(sessionId, clock.instant()).filter(s -> s.userId().equals(userId)).isEmpty()) {
            return false;
        }
        endSession(sessionId);
        return true;
    }

    /**
     * Ends every session of the user except {@code keepSessionId} (null: all of them) and every grant of the user except
     * those issued through the kept session: for a password change or reset, and for a disabled or deleted user.
     */
    public Ended endUser(String userId, String keepSessionId) {
        Instant now = clock.instant();
        List<String> endedSessions = new ArrayList<>();
        for (LoginSession s : sessions.listForUser(userId, now, null, Integer.MAX_VALUE)) {
            if (!s.idHash().equals(keepSessionId)) {
                revoker.revokeSession(s.idHash());
                sessions.delete(s.idHash());
                endedSessions.add(s.idHash());
            }
        }
        List<UserGrant> recorded = grants.listForUser(userId).stream()
                .filter(g -> keepSessionId == null || !keepSessionId.equals(g.sessionId()))
                .toList();
        Set<String> kept = keepSessionId == null ? Set.of() : grantIds(grants.listForSession(keepSessionId));
        Set<String> ids = new LinkedHashSet<>(grantIds(recorded));
        tokens.listGrantsForUser(userId, now, null, Integer.MAX_VALUE).stream()
                .map(ActiveGrant::grantId)
                .filter(id -> !kept.contains(id))
                .forEach(ids::add);
        listener.ended(recorded.stream().filter(g -> g.sessionId() != null).toList());
        end(List.copyOf(ids));
        return new Ended(endedSessions, recorded);
    }

    /** Ends the user's grants to one client (a revoked consent, RFC 6749 §10.2); returns how many. */
    public int endClient(String userId, String clientId) {
        Set<String> ids = new LinkedHashSet<>();
        grants.listForUser(userId).stream().filter(g -> g.clientId().equals(clientId)).map(UserGrant::grantId).forEach(ids::add);
        tokens.listGrantsForUser(userId, clock.instant(), null, Integer.MAX_VALUE).stream()
                .filter(g -> Objects.equals(g.clientId(), clientId))
                .map(ActiveGrant::grantId)
                .forEach(ids::add);
        end(List.copyOf(ids));
        return ids.size();
    }

    private void end(List<String> grantIds) {
        grantIds.forEach(revoker::revoke);
        grants.delete(grantIds);
    }

    private static Set<String> grantIds(List<UserGrant> list) {
        Set<String> ids = new LinkedHashSet<>();
        list.forEach(g -> ids.add(g.grantId()));
        return ids;
    }
}
