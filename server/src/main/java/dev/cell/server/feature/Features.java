package dev.cell.server.feature;

import dev.cell.config.CellConfig;
import dev.cell.grant.ServerGrants;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The optional features of a node, those switched on in its configuration, in the order they install. */
public final class Features {
    private final CellConfig config;
    private final List<Feature> enabled;

    public Features(List<Feature> features, CellConfig config) {
        this.config = config;
        this.enabled = features.stream().filter(f -> f.enabled(config)).toList();
    }

    /**
     * Every feature Cell has; a new feature is one line here. The order is that of {@code grant_types_supported} and of installing,
     * so a feature may read what one before it contributed.
     */
    public static List<Feature> all() {
        return List.of(
                new ClientCredentialsFeature(),
                new AuthorizationCodeFeature(),
                new RefreshTokenFeature(),
                new PasswordFeature(),
                new JwtBearerFeature(),
                new TokenExchangeFeature(),
                new ParFeature(),
                new ClientIdMetadataFeature(),
                new BackchannelLogoutFeature(),
                new DeviceFeature(),
                new RegistrationFeature());
    }

    /** The grant types clients may be registered with under {@code config}, for the CLI and anything else without a running node. */
    public static ServerGrants grants(CellConfig config) {
        return new Features(all(), config).grants();
    }

    public List<Feature> enabled() {
        return enabled;
    }

    /** The grant types the switched-on features offer (RFC 7591 §2 {@code grant_types}). */
    public ServerGrants grants() {
        Set<String> out = new LinkedHashSet<>();
        enabled.forEach(f -> out.addAll(f.grantTypes(config)));
        return new ServerGrants(out);
    }

    /** The paths where the switched-on features authenticate clients (client assertion audiences, RFC 7523 §3). */
    public Set<String> authenticatedPaths() {
        Set<String> out = new LinkedHashSet<>();
        enabled.forEach(f -> out.addAll(f.authenticatedPaths(config)));
        return out;
    }

    /** Whether any switched-on feature serves public clients (RFC 6749 §2.1). */
    public boolean servePublicClients() {
        return enabled.stream().anyMatch(f -> f.servesPublicClients(config));
    }

    /** Adds the switched-on features' discovery members to {@code metadata}. */
    public void metadata(Map<String, Object> metadata) {
        enabled.forEach(f -> f.metadata(config, metadata));
    }

    /** Installs every switched-on feature, in order. */
    public Contributions install(FeatureContext context) {
        Contributions out = new Contributions();
        enabled.forEach(f -> f.install(context, out));
        return out;
    }
}
