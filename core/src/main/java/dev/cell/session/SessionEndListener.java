package dev.cell.session;

import java.util.List;

/** Told of the grants whose login session just ended (OIDC Back-Channel Logout 1.0 §2: the RPs a session's logout reaches). */
@FunctionalInterface
public interface SessionEndListener {
    /** Listens to nothing. */
    SessionEndListener NONE = grants -> {};

    /** @param grants the ended sessions' grants, each with its session id and client */
    void ended(List<UserGrant> grants);
}
