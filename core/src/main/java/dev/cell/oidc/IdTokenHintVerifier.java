package dev.cell.oidc;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.cell.error.OAuthException;
import dev.cell.token.IssuedJwtVerifier;
import java.util.List;
import java.util.Set;

/**
 * Checks an {@code id_token_hint} (OIDC RP-Initiated Logout 1.0 section 2): an ID token this server issued, which may have
 * expired; never an access token, told apart by its {@code typ} and claims (RFC 8725 section 3.11).
 */
public final class IdTokenHintVerifier {
    /** The {@code typ} {@link IdTokenIssuer} signs with; access tokens are {@code at+jwt}, or {@code JWT} without {@code azp}. */
    private static final Set<JOSEObjectType> TYPES = Set.of(JOSEObjectType.JWT);

    private final IssuedJwtVerifier jwts;

    public IdTokenHintVerifier(IssuedJwtVerifier jwts) {
        this.jwts = jwts;
    }

    /** The hint's claims; {@code invalid_request} for anything but an ID token of ours. */
    public JWTClaimsSet verify(String token) {
        return jwts.verify(token, TYPES).map(IssuedJwtVerifier.Verified::claims).filter(IdTokenHintVerifier::isIdToken)
                .orElseThrow(() -> OAuthException.invalidRequest("id_token_hint is not an ID token issued by this server"));
    }

    /**
     * The shape of Cell's ID tokens (OIDC Core section 2): a subject, one audience named again as {@code azp}, {@code iat} and
     * {@code exp}; and none of the claims every access token carries ({@code client_id}, {@code gid}).
     */
    public static boolean isIdToken(JWTClaimsSet claims) {
        List<String> aud = claims.getAudience();
        return claims.getSubject() != null && aud.size() == 1 && aud.get(0).equals(claims.getClaim("azp"))
                && claims.getIssueTime() != null && claims.getExpirationTime() != null
                && claims.getClaim("client_id") == null && claims.getClaim("gid") == null;
    }
}
