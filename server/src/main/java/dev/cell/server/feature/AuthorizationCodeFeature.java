package dev.cell.server.feature;

import dev.cell.config.CellConfig;
import dev.cell.grant.AuthorizationCodeGrant;
import dev.cell.grant.ServerGrants;
import java.util.Set;

/**
 * The authorization code grant (RFC 6749 §4.1) at the token endpoint, and the legacy implicit grant (§4.2) clients may be
 * registered with when {@code features.implicit.enabled}; the browser endpoints of the flow are the composition root's.
 */
public final class AuthorizationCodeFeature implements Feature {
    @Override
    public String name() {
        return "authorization-code";
    }

    @Override
    public boolean enabled(CellConfig config) {
        return config.features().authorizationCode();
    }

    @Override
    public Set<String> grantTypes(CellConfig config) {
        return config.features().implicit() ? Set.of(AuthorizationCodeGrant.GRANT_TYPE, ServerGrants.IMPLICIT) : Set.of(AuthorizationCodeGrant.GRANT_TYPE);
    }

    /** Native and browser apps (RFC 8252, RFC 6749 §2.1) use the code flow with PKCE and no secret. */
    @Override
    public boolean servesPublicClients(CellConfig config) {
        return true;
    }

    @Override
    public void install(FeatureContext context, Contributions out) {
        out.grant(new AuthorizationCodeGrant(context.stores().authorizationCodes(), context.revoker(), context.stores().users(), context.clock()));
    }
}
