package dev.cell.server.feature;

import dev.cell.config.CellConfig;
import dev.cell.grant.RefreshTokenGrant;
import java.util.Set;

/** Refresh tokens (RFC 6749 §6), rotated on every use (RFC 9700 §4.14.2); the token issuer hands them out. */
public final class RefreshTokenFeature implements Feature {
    @Override
    public String name() {
        return "refresh-token";
    }

    @Override
    public boolean enabled(CellConfig config) {
        return config.features().refreshToken();
    }

    @Override
    public Set<String> grantTypes(CellConfig config) {
        return Set.of(RefreshTokenGrant.GRANT_TYPE);
    }

    @Override
    public void install(FeatureContext context, Contributions out) {
        out.grant(new RefreshTokenGrant(context.refreshTokens(), context.revoker(), context.stores().users()));
    }
}
