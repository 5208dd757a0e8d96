package dev.cell.authorize;

import dev.cell.client.Client;

/**
 * A page named a pending authorization request that has expired, was finished or belongs to another browser; carries
 * the client the page named, when known, so the person can be sent back to start again.
 */
public final class PendingRequestGone extends RuntimeException {
    private final transient Client client;

    /** @param client the client the page named, or null */
    public PendingRequestGone(Client client) {
        super("the sign-in request has expired or belongs to another browser", null, false, false);
        this.client = client;
    }

    /** The client the page named, or null. */
    public Client client() {
        return client;
    }
}
