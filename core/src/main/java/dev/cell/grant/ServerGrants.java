package dev.cell.grant;

import dev.cell.config.CellConfig;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The grant types this server offers, hence those a client may be registered with (RFC 7591 §2 {@code grant_types}): read from
 * the same feature switches that fill the {@link GrantRegistry} and discovery's {@code grant_types_supported}.
 */
public record ServerGrants(Set<String> grantTypes) {
    public static final String IMPLICIT = "implicit";

    public ServerGrants {
        grantTypes = Set.copyOf(grantTypes);
    }

    public static ServerGrants of(CellConfig config) {
        CellConfig.Features f = config.features();
        Set<String> out = new LinkedHashSet<>();
        if (f.authorizationCode()) {
            out.add(AuthorizationCodeGrant.GRANT_TYPE);
        }
        if (f.implicit()) {
            out.add(IMPLICIT);
        }
        if (f.refreshToken()) {
            out.add(RefreshTokenGrant.GRANT_TYPE);
        }
        if (f.clientCredentials()) {
            out.add(ClientCredentialsGrant.GRANT_TYPE);
        }
        if (f.password()) {
            out.add(PasswordGrant.GRANT_TYPE);
        }
        if (!config.jwtBearer().issuers().isEmpty()) {
            out.add(JwtBearerGrant.GRANT_TYPE);
        }
        if (f.tokenExchange()) {
            out.add(TokenExchangeGrant.GRANT_TYPE);
        }
        return new ServerGrants(out);
    }

    public boolean offers(String grantType) {
        return grantTypes.contains(grantType);
    }
}
