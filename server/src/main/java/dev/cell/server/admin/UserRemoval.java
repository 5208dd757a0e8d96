package dev.cell.server.admin;

import dev.cell.account.User;
import dev.cell.store.Stores;
import dev.cell.token.GrantRevoker;
import java.time.Clock;

/**
 * Deletes a user and ends everything it holds, for the admin API and the CLI alike: login sessions, grants and their tokens
 * (RFC 7009 §2.1), remembered consents (RFC 6749 §10.2).
 */
public final class UserRemoval {
    private final Stores stores;
    private final GrantRevoker revoker;
    private final Clock clock;

    public UserRemoval(Stores stores, GrantRevoker revoker, Clock clock) {
        this.stores = stores;
        this.revoker = revoker;
        this.clock = clock;
    }

    /** Deletes {@code user} through {@code admin} (which records it); false when it was already gone. */
    public boolean remove(User user, UserAdmin admin) {
        if (!admin.delete(user.username())) {
            return false;
        }
        stores.loginSessions().deleteForUser(user.id());
        for (var grant : stores.tokens().listGrantsForUser(user.id(), clock.instant(), null, Integer.MAX_VALUE)) {
            revoker.revoke(grant.grantId());
        }
        stores.consents().listForUser(user.id()).forEach(c -> stores.consents().delete(user.id(), c.clientId()));
        return true;
    }
}
