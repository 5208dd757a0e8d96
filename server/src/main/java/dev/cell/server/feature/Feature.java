package dev.cell.server.feature;

import dev.cell.config.CellConfig;
import java.util.Map;
import java.util.Set;

/**
 * An optional feature (a grant, an endpoint, ...): the one place that says what it adds to a node, so adding one edits no
 * wiring, discovery, store list, housekeeping sequence or grant list (ARCHITECTURE.md, "One place per feature").
 *
 * <p>To add a feature: write a class implementing this interface next to its own classes (endpoint, grant handler, core service,
 * store interface in core and its {@code Jdbc...Store(Database)} in jdbc), add one line to {@link Features#all()}, a migration for
 * its table, its switch and settings in {@code CellConfig}/{@code ConfigKeys} (documented in docs/configuration.md), and docs.
 * {@link #enabled} reads the switch; when it is off the feature contributes nothing: no route, no discovery member, no grant type,
 * no housekeeping task. When on, {@link #install} builds its parts from the shared pieces in {@link FeatureContext} (its store
 * from {@link FeatureContext#database()}) and hands them to {@link Contributions}. See docs/extending.md.
 */
public interface Feature {
    /** A short name for logs and errors, e.g. {@code par}. */
    String name();

    /** Whether the feature is switched on (e.g. {@code features.par.enabled}); nothing else is called when it is off. */
    boolean enabled(CellConfig config);

    /**
     * The {@code grant_type} values it lets clients be registered with (RFC 7591 §2 {@code grant_types}); read without a running node
     * (the CLI checks {@code --grant} against them), so from the configuration alone.
     */
    default Set<String> grantTypes(CellConfig config) {
        return Set.of();
    }

    /**
     * The paths of its endpoints where clients authenticate, e.g. {@code /oauth/par}: their URLs are accepted as the audience of
     * client assertions (RFC 7523 §3, RFC 9126 §2).
     */
    default Set<String> authenticatedPaths(CellConfig config) {
        return Set.of();
    }

    /** Whether public clients (no secret, {@code token_endpoint_auth_method} {@code none}) may use it, so the server accepts them. */
    default boolean servesPublicClients(CellConfig config) {
        return false;
    }

    /** Adds its members to the discovery document (RFC 8414 §2; OIDC Discovery 1.0 §3), both well-known URLs serve the same map. */
    default void metadata(CellConfig config, Map<String, Object> metadata) {}

    /** Builds its parts on a starting node: routes, grant handlers, housekeeping tasks, and what the authorization endpoint uses. */
    void install(FeatureContext context, Contributions out);
}
