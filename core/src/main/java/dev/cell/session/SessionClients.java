package dev.cell.session;

import dev.cell.store.GrantStore;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The clients each login session signed in to (OIDC Back-Channel Logout 1.0 §2.1: the RPs a session's logout reaches). */
public final class SessionClients {
    private SessionClients() {}

    /** Client ids by session id ({@link LoginSession#sid()}), in one query for a page of sessions. */
    public static Map<String, Set<String>> of(GrantStore grants, List<LoginSession> sessions) {
        Map<String, Set<String>> out = new HashMap<>();
        for (UserGrant g : grants.listForSessions(sessions.stream().map(LoginSession::sid).toList())) {
            out.computeIfAbsent(g.sessionId(), k -> new TreeSet<>()).add(g.clientId());
        }
        return out;
    }
}
