package dev.cell.server.feature;

import dev.cell.config.CellConfig;
import dev.cell.grant.PasswordGrant;
import java.util.Set;

/** The legacy resource owner password credentials grant (RFC 6749 §4.3), which OAuth 2.1 removes. */
public final class PasswordFeature implements Feature {
    @Override
    public String name() {
        return "password";
    }

    @Override
    public boolean enabled(CellConfig config) {
        return config.features().password();
    }

    @Override
    public Set<String> grantTypes(CellConfig config) {
        return Set.of(PasswordGrant.GRANT_TYPE);
    }

    @Override
    public void install(FeatureContext context, Contributions out) {
        out.grant(new PasswordGrant(context.stores().users(), context.passwords(), context.loginLimiter(), context.random(), context.recorder(), context.clock()));
    }
}
