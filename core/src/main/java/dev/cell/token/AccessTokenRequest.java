package dev.cell.token;

import dev.cell.client.Client;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What an access token is issued for.
 *
 * @param userId the local resource owner, or null when the client acts for itself (RFC 6749 §4.4) or for an external subject
 * @param grantId the grant the token belongs to, so revoking the grant reaches it
 * @param extraClaims further claims (e.g. {@code auth_time}); never overriding the registered ones
 * @param audiences the {@code aud} values; empty for the client's default ({@link AccessTokenIssuer#audiences})
 */
public record AccessTokenRequest(Client client, String userId, Set<String> scopes, String grantId, Map<String, Object> extraClaims,
        List<String> audiences) {
    public AccessTokenRequest {
        scopes = Set.copyOf(scopes);
        extraClaims = Map.copyOf(extraClaims);
        audiences = List.copyOf(audiences);
    }

    /** A request for the client's default audience. */
    public AccessTokenRequest(Client client, String userId, Set<String> scopes, String grantId, Map<String, Object> extraClaims) {
        this(client, userId, scopes, grantId, extraClaims, List.of());
    }

    /** The {@code aud} the token carries: the requested audiences, else the client's default. */
    public List<String> effectiveAudiences() {
        return audiences.isEmpty() ? AccessTokenIssuer.audiences(client) : audiences;
    }

    /** {@code sub}: the user, an external subject named in {@code extraClaims}, or the client itself (RFC 9068 §2.2). */
    public String subject() {
        if (userId != null) {
            return userId;
        }
        return ExternalSubject.in(extraClaims).map(ExternalSubject::subject).orElse(client.clientId());
    }
}
