package dev.cell.grant;

import dev.cell.client.Client;
import dev.cell.error.OAuthError;
import dev.cell.error.OAuthException;
import dev.cell.token.LegacyClaims;
import dev.cell.token.RandomValues;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The client credentials grant (RFC 6749 §4.4): a confidential client obtains a token for itself; no refresh token, and
 * none of the scopes that only mean something with a user (OIDC Core §3.1.2.1, §5.4, §11).
 */
public final class ClientCredentialsGrant implements GrantHandler {
    public static final String GRANT_TYPE = "client_credentials";

    /** Scopes that ask for a user's identity, claims or offline access: refused when asked for, left out of the default. */
    static final Set<String> USER_SCOPES = Set.of("openid", "profile", "email", "address", "phone", "offline_access");

    private static final Set<String> PARAMETERS = Set.of("scope");

    private final RandomValues random;

    public ClientCredentialsGrant(RandomValues random) {
        this.random = random;
    }

    @Override
    public String grantType() {
        return GRANT_TYPE;
    }

    @Override
    public Set<String> parameters() {
        return PARAMETERS;
    }

    @Override
    public Issuance handle(TokenRequest request) {
        Client client = request.client();
        if (!client.isConfidential()) {
            throw new OAuthException(OAuthError.UNAUTHORIZED_CLIENT, "a public client cannot use client_credentials (RFC 6749 section 4.4)");
        }
        Set<String> requested = Scopes.parse(request.parameter("scope"));
        for (String s : requested) {
            if (USER_SCOPES.contains(s)) {
                throw new OAuthException(OAuthError.INVALID_SCOPE,
                        "scope '" + s + "' needs a user; client_credentials tokens carry none (RFC 6749 section 4.4)");
            }
        }
        Set<String> allowed = client.scopes().stream().filter(s -> !USER_SCOPES.contains(s)).collect(Collectors.toSet());
        Set<String> granted = Scopes.grant(requested, allowed);
        return Issuance.accessToken(null, granted, random.orderedId(), LegacyClaims.add(Map.of(), client, null))
                .withResources(request.resources());
    }
}
