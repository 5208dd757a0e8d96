package dev.cell.server.admin;

import dev.cell.account.User;
import dev.cell.session.SessionEnder;
import dev.cell.store.Stores;

/**
 * Deletes a user and ends everything it holds, for the admin API and the CLI alike: login sessions, grants and their tokens
 * (RFC 7009 §2.1), remembered consents (RFC 6749 §10.2).
 */
public final class UserRemoval {
    private final Stores stores;
    private final SessionEnder ender;

    public UserRemoval(Stores stores, SessionEnder ender) {
        this.stores = stores;
        this.ender = ender;
    }

    /** Deletes {@code user} through {@code admin} (which records it); false when it was already gone. */
    public boolean remove(User user, UserAdmin admin) {
        if (!admin.delete(user.username())) {
            return false;
        }
        ender.endUser(user.id(), null);
        stores.consents().listForUser(user.id()).forEach(c -> stores.consents().delete(user.id(), c.clientId()));
        return true;
    }
}
