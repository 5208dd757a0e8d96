package dev.cell.token;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.cell.session.Sid;
import dev.cell.store.RevokedTokenStore;
import dev.cell.store.TokenStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Validates the access tokens this server issued (RFC 9068 §4 for JWTs; stored opaque tokens as in RFC 7662 §2.2),
 * including revocation: a revoked {@code jti}, grant id ({@code gid}) or login session ({@code sid}) on the deny list
 * invalidates a JWT.
 *
 * <p>A JWT's {@code sub} is the user, or the client itself for a client's own token (RFC 9068 §2.2). The two are told
 * apart without an extra claim: a user's token always carries {@code auth_time}, so a token whose {@code sub} equals its
 * {@code client_id} and that has no {@code auth_time} has no user (RFC 9700 §4.15.1). A token for another issuer's
 * subject carries {@code sub_id} ({@link ExternalSubject}) and has no user either.
 */
public final class AccessTokenValidator {
    private static final int MAX_LENGTH = 16 * 1024;
    /**
     * RFC 9068 §2.1's {@code at+jwt}, and {@code JWT} for clients asking for Spring Security OAuth's shape (its library
     * refuses other types); an ID token never passes: it has {@code azp} (always, from Cell) and no {@code gid}.
     */
    private static final Set<JOSEObjectType> TYPES = Set.of(new JOSEObjectType("at+jwt"), new JOSEObjectType("application/at+jwt"),
            JOSEObjectType.JWT);

    private final IssuedJwtVerifier jwts;
    private final String issuer;
    private final TokenStore tokens;
    private final RevokedTokenStore revoked;
    private final Clock clock;

    public AccessTokenValidator(IssuedJwtVerifier jwts, TokenStore tokens, RevokedTokenStore revoked, Clock clock) {
        this.jwts = jwts;
        this.issuer = jwts.issuer();
        this.tokens = tokens;
        this.revoked = revoked;
        this.clock = clock;
    }

    /** The token's contents if it is valid now; empty for anything malformed, forged, expired or revoked. */
    public Optional<ValidatedAccessToken> validate(String token) {
        if (token == null || token.isEmpty() || token.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        return token.chars().filter(c -> c == '.').count() == 2 ? jwt(token) : opaque(token);
    }

    private Optional<ValidatedAccessToken> jwt(String token) {
        Optional<IssuedJwtVerifier.Verified> verified = jwts.verify(token, TYPES);
        if (verified.isEmpty()) {
            return Optional.empty();
        }
        JWTClaimsSet claims = verified.get().claims();
        Date exp = claims.getExpirationTime();
        String sub = claims.getSubject();
        Object clientId = claims.getClaim("client_id");
        Object gid = claims.getClaim("gid");
        if (exp == null || !exp.toInstant().isAfter(clock.instant()) || sub == null
                || !(clientId instanceof String client) || !(gid instanceof String grantId)) {
            return Optional.empty();
        }
        if (JOSEObjectType.JWT.equals(verified.get().type()) && claims.getClaim("azp") != null) {
            return Optional.empty();
        }
        List<String> ids = new ArrayList<>(List.of(grantId));
        if (claims.getJWTID() != null) {
            ids.add(claims.getJWTID());
        }
        if (claims.getClaim(Sid.CLAIM) instanceof String sid) {
            ids.add(sid);
        }
        if (revoked.anyRevoked(ids)) {
            return Optional.empty();
        }
        Map<String, Object> all = new HashMap<>(claims.toJSONObject());
        all.values().removeIf(Objects::isNull);
        Object scope = claims.getClaim("scope");
        boolean noUser = ExternalSubject.in(all).isPresent() || (sub.equals(client) && claims.getClaim("auth_time") == null);
        String userId = noUser ? null : sub;
        return Optional.of(new ValidatedAccessToken(sub, userId, client, scope instanceof String s ? scopes(s) : Set.of(),
                exp.toInstant(), all, claims.getJWTID(), grantId));
    }

    private Optional<ValidatedAccessToken> opaque(String token) {
        Instant now = clock.instant();
        return tokens.find(TokenHasher.orderedHash(token))
                .filter(t -> t.kind() == TokenKind.ACCESS && t.isActive(now))
                .filter(t -> !revoked.anyRevoked(denyListIds(t)))
                .map(t -> new ValidatedAccessToken(subject(t), t.userId(), t.clientId(), t.scopes(), t.expiresAt(), opaqueClaims(t), null,
                        t.grantId()));
    }

    /** The ids under which a stored token can be deny-listed: its grant and the login session it was issued through. */
    public static List<String> denyListIds(StoredToken t) {
        List<String> ids = new ArrayList<>(2);
        if (t.grantId() != null) {
            ids.add(t.grantId());
        }
        String sid = Sid.in(t.claims());
        if (sid != null) {
            ids.add(sid);
        }
        return ids;
    }

    /** {@code sub} of a stored token: the user, else the external subject, else the client itself. */
    private static String subject(StoredToken t) {
        if (t.userId() != null) {
            return t.userId();
        }
        return ExternalSubject.in(t.claims()).map(ExternalSubject::subject).orElse(t.clientId());
    }

    /** The claims an opaque token would carry as a JWT, so introspection answers alike for both formats. */
    private Map<String, Object> opaqueClaims(StoredToken t) {
        Map<String, Object> all = new HashMap<>(t.claims());
        all.put("iss", issuer);
        all.put("sub", subject(t));
        all.put("aud", t.audiences());
        all.put("client_id", t.clientId());
        all.put("iat", t.issuedAt().getEpochSecond());
        all.put("exp", t.expiresAt().getEpochSecond());
        if (!t.scopes().isEmpty()) {
            all.put("scope", AccessTokenIssuer.scopeString(t.scopes()));
        }
        return all;
    }

    private static Set<String> scopes(String scope) {
        return scope.isBlank() ? Set.of() : Set.copyOf(List.of(scope.strip().split(" +")));
    }
}
