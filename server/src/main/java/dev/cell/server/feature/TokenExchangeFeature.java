package dev.cell.server.feature;

import dev.cell.config.CellConfig;
import dev.cell.grant.ExchangeTokens;
import dev.cell.grant.TokenExchangeGrant;
import java.util.Set;

/** Token exchange (RFC 8693) at the token endpoint. */
public final class TokenExchangeFeature implements Feature {
    @Override
    public String name() {
        return "token-exchange";
    }

    @Override
    public boolean enabled(CellConfig config) {
        return config.features().tokenExchange();
    }

    @Override
    public Set<String> grantTypes(CellConfig config) {
        return Set.of(TokenExchangeGrant.GRANT_TYPE);
    }

    @Override
    public void install(FeatureContext context, Contributions out) {
        out.grant(new TokenExchangeGrant(new ExchangeTokens(context.tokens(), context.jwts(), context.config().jwtBearer().issuers(),
                context.assertionRules(), context.assertionKeys(), context.stores().users(), context.clients(), context.clock()), context.random()));
    }
}
