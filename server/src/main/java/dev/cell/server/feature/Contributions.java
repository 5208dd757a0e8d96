package dev.cell.server.feature;

import dev.cell.authorize.PushedAuthorizationRequests;
import dev.cell.grant.GrantHandler;
import dev.cell.server.http.Route;
import dev.cell.store.ExpiryTask;
import java.util.ArrayList;
import java.util.List;

/** What the installed features add to a node, collected as each {@link Feature#install} runs. */
public final class Contributions {
    private final List<Route> routes = new ArrayList<>();
    private final List<GrantHandler> grants = new ArrayList<>();
    private final List<ExpiryTask> expiry = new ArrayList<>();
    private PushedAuthorizationRequests requestUris;

    /** An endpoint on the public listener. */
    public Contributions route(Route route) {
        routes.add(route);
        return this;
    }

    /** A grant the token endpoint serves under its {@code grant_type}. */
    public Contributions grant(GrantHandler grant) {
        grants.add(grant);
        return this;
    }

    /** A table housekeeping empties of expired rows. */
    public Contributions expiry(ExpiryTask task) {
        expiry.add(task);
        return this;
    }

    /** The {@code request_uri} values the authorization endpoint redeems (RFC 9126 §4); one feature at most issues them. */
    public Contributions requestUris(PushedAuthorizationRequests pushed) {
        if (requestUris != null) {
            throw new IllegalStateException("two features issue request_uri values");
        }
        requestUris = pushed;
        return this;
    }

    public List<Route> routes() {
        return List.copyOf(routes);
    }

    public List<GrantHandler> grants() {
        return List.copyOf(grants);
    }

    public List<ExpiryTask> expiry() {
        return List.copyOf(expiry);
    }

    /** The pushed authorization requests, or null when no feature issues {@code request_uri} values. */
    public PushedAuthorizationRequests requestUris() {
        return requestUris;
    }
}
