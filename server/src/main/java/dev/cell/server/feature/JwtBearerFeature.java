package dev.cell.server.feature;

import dev.cell.config.CellConfig;
import dev.cell.grant.JwtBearerGrant;
import java.util.Set;

/** The JWT bearer grant (RFC 7523 §2.1): on exactly when {@code jwt-bearer.trust-file} lists at least one issuer. */
public final class JwtBearerFeature implements Feature {
    @Override
    public String name() {
        return "jwt-bearer";
    }

    @Override
    public boolean enabled(CellConfig config) {
        return !config.jwtBearer().issuers().isEmpty();
    }

    @Override
    public Set<String> grantTypes(CellConfig config) {
        return Set.of(JwtBearerGrant.GRANT_TYPE);
    }

    @Override
    public void install(FeatureContext context, Contributions out) {
        out.grant(new JwtBearerGrant(context.config().jwtBearer().issuers(), context.assertionRules(), context.assertionKeys(), context.stores().users(),
                context.random()));
    }
}
