package dev.cell.server.feature;

import dev.cell.config.CellConfig;
import dev.cell.grant.ClientCredentialsGrant;
import java.util.Set;

/** The client credentials grant (RFC 6749 §4.4). */
public final class ClientCredentialsFeature implements Feature {
    @Override
    public String name() {
        return "client-credentials";
    }

    @Override
    public boolean enabled(CellConfig config) {
        return config.features().clientCredentials();
    }

    @Override
    public Set<String> grantTypes(CellConfig config) {
        return Set.of(ClientCredentialsGrant.GRANT_TYPE);
    }

    @Override
    public void install(FeatureContext context, Contributions out) {
        out.grant(new ClientCredentialsGrant(context.random()));
    }
}
