package dev.cell.authorize;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An issued authorization code, stored only under the hash of its value (RFC 6749 §4.1.2).
 *
 * @param grantId the grant every token issued from this code belongs to (RFC 6749 §4.1.2 revocation)
 * @param extra further request data bound to the code (e.g. {@code claims}, {@code acr}, {@code resource})
 */
public record AuthorizationCode(
        String codeHash,
        String grantId,
        String clientId,
        String userId,
        String redirectUri,
        Set<String> scopes,
        String codeChallenge,
        String codeChallengeMethod,
        String nonce,
        Instant authTime,
        String sessionId,
        Map<String, Object> extra,
        Instant createdAt,
        Instant expiresAt) {

    /** {@link #extra} key: the {@code claims} parameter in compact form (OIDC Core section 5.5). */
    public static final String CLAIMS = "claims";
    /** {@link #extra} key: the {@code acr} the ID token states, when requested (OIDC Core section 3.1.2.1). */
    public static final String ACR = "acr";
    /** {@link #extra} key: the login session's {@code amr} (RFC 8176). */
    public static final String AMR = "amr";
    /** {@link #extra} key: the {@code resource} values the authorization request named (RFC 8707 §2.1). */
    public static final String RESOURCE = "resource";
    /** {@link #extra} key: the {@code dpop_jkt} the code is bound to (RFC 9449 §10). */
    public static final String DPOP_JKT = "dpop_jkt";

    /** The resources the authorization covers (RFC 8707 §2.1); empty for the client's default audience. */
    public List<String> resources() {
        return extra.get(RESOURCE) instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of();
    }

    public AuthorizationCode {
        scopes = Set.copyOf(scopes);
        extra = Map.copyOf(extra);
    }
}
