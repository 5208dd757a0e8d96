package dev.cell.grant;

import java.util.Set;

/**
 * The grant types this server offers, hence those a client may be registered with (RFC 7591 §2 {@code grant_types}): those of the
 * switched-on features, the same that fill the {@link GrantRegistry} and discovery's {@code grant_types_supported}.
 */
public record ServerGrants(Set<String> grantTypes) {
    public static final String IMPLICIT = "implicit";

    public ServerGrants {
        grantTypes = Set.copyOf(grantTypes);
    }

    public boolean offers(String grantType) {
        return grantTypes.contains(grantType);
    }
}
