package dev.cell.server;

import dev.cell.config.CellConfig;
import dev.cell.session.GrantRecorder;
import dev.cell.session.SessionEndListener;
import dev.cell.session.SessionEnder;
import dev.cell.store.Stores;
import dev.cell.token.GrantRevoker;
import java.time.Clock;
import java.time.Duration;

/**
 * How long revocations must last, from the token settings, for the server and the CLI alike: a deny-list entry outlives
 * every access token and authorization code issued before it (RFC 7009 §2.2), and a recorded grant outlives its last token.
 */
public final class Revocation {
    private Revocation() {}

    public static GrantRevoker revoker(Stores stores, CellConfig config, Clock clock) {
        CellConfig.Tokens t = config.tokens();
        Duration denyFor = t.accessTokenLifetime().compareTo(t.authorizationCodeLifetime()) >= 0
                ? t.accessTokenLifetime()
                : t.authorizationCodeLifetime();
        return new GrantRevoker(stores.tokens(), stores.revokedTokens(), denyFor, clock);
    }

    /** A code's grant can get tokens until the code expires, then refresh until the family's absolute end, then one more access token. */
    public static GrantRecorder recorder(Stores stores, CellConfig config, Clock clock) {
        CellConfig.Tokens t = config.tokens();
        Duration longest = t.authorizationCodeLifetime().plus(t.accessTokenLifetime())
                .plus(config.features().refreshToken() ? t.refreshTokenAbsoluteLifetime() : Duration.ZERO);
        return new GrantRecorder(stores.grants(), longest, clock);
    }

    /** @param listener told of each ended session's grants (back-channel logout queues its logout tokens) */
    public static SessionEnder ender(Stores stores, GrantRevoker revoker, SessionEndListener listener, Clock clock) {
        return new SessionEnder(stores.loginSessions(), stores.grants(), stores.tokens(), revoker, listener, clock);
    }
}
