package dev.cell.server.feature;

import dev.cell.authorize.PushedAuthorizationRequests;
import dev.cell.grant.GrantHandler;
import dev.cell.server.http.Route;
import dev.cell.session.SessionEndListener;
import dev.cell.store.ExpiryTask;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What the installed features add to a node, collected as each {@link Feature#install} runs. */
public final class Contributions {
    private static final Logger LOG = LoggerFactory.getLogger(Contributions.class);
    private final List<Route> routes = new ArrayList<>();
    private final List<GrantHandler> grants = new ArrayList<>();
    private final List<ExpiryTask> expiry = new ArrayList<>();
    private PushedAuthorizationRequests requestUris;
    private final List<SessionEndListener> sessionEnds = new ArrayList<>();
    private final List<AutoCloseable> background = new ArrayList<>();

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

    /** Told of the grants of every login session that ends, on whichever path it ends (OIDC Back-Channel Logout 1.0 §2). */
    public Contributions sessionEnd(SessionEndListener listener) {
        sessionEnds.add(listener);
        return this;
    }

    /** Work that runs in the background of the node (a worker, a client pool) and stops when the node closes. */
    public Contributions background(AutoCloseable worker) {
        background.add(worker);
        return this;
    }

    /** The features' session end listeners as one. */
    public SessionEndListener sessionEndListener() {
        List<SessionEndListener> all = List.copyOf(sessionEnds);
        return grants -> all.forEach(l -> l.ended(grants));
    }

    /** Stops the features' background work, last started first. */
    public void close() {
        for (int i = background.size() - 1; i >= 0; i--) {
            try {
                background.get(i).close();
            } catch (Exception e) {
                LOG.warn("stopping {} failed: {}", background.get(i), e.toString());
            }
        }
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
