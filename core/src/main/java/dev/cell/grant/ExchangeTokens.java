package dev.cell.grant;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.cell.assertion.AssertionAlgorithms;
import dev.cell.assertion.AssertionKeys;
import dev.cell.assertion.AssertionRules;
import dev.cell.client.ClientRegistry;
import dev.cell.config.CellConfig;
import dev.cell.error.OAuthException;
import dev.cell.oidc.IdTokenHintVerifier;
import dev.cell.store.UserStore;
import dev.cell.token.AccessTokenValidator;
import dev.cell.token.ExternalSubject;
import dev.cell.token.IssuedJwtVerifier;
import dev.cell.token.ValidatedAccessToken;
import java.text.ParseException;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Reads the {@code subject_token} and {@code actor_token} of a token exchange (RFC 8693 §2.1, §3) by their type: Cell's access
 * tokens (JWT or opaque, active as introspection has it), Cell's ID tokens, and JWTs of issuers in the JWT bearer trust file.
 * Anything invalid is {@code invalid_request}, as RFC 8693 §2.2.2 requires.
 */
public final class ExchangeTokens {
    public static final String ACCESS_TOKEN = "urn:ietf:params:oauth:token-type:access_token";
    public static final String ID_TOKEN = "urn:ietf:params:oauth:token-type:id_token";
    public static final String JWT = "urn:ietf:params:oauth:token-type:jwt";
    private static final Set<JOSEObjectType> ID_TOKEN_TYPES = Set.of(JOSEObjectType.JWT);
    private static final int MAX_LENGTH = 16 * 1024;

    /**
     * A token read for an exchange.
     *
     * @param issuer Cell's issuer identifier, or the trusted issuer of an external JWT
     * @param userId the active Cell user it speaks for, or null
     * @param clientId the Cell client it was issued to, or null for an external JWT
     * @param scopes its scope; null when the token has none to give (ID tokens, external JWTs)
     * @param grantId the Cell grant it belongs to, or null
     * @param claims its claims (for {@code act}, {@code may_act}, {@code auth_time}, {@code sid})
     * @param external the external subject, or null for a Cell user's or client's token
     */
    public record Token(String issuer, String subject, String userId, String clientId, Set<String> scopes, String grantId,
            Map<String, Object> claims, ExternalSubject external) {}

    private final String cellIssuer;
    private final AccessTokenValidator accessTokens;
    private final IssuedJwtVerifier jwts;
    private final Map<String, CellConfig.TrustedIssuer> trusted = new LinkedHashMap<>();
    private final AssertionRules rules;
    private final AssertionKeys keys;
    private final UserStore users;
    private final ClientRegistry clients;
    private final Clock clock;

    public ExchangeTokens(AccessTokenValidator accessTokens, IssuedJwtVerifier jwts, List<CellConfig.TrustedIssuer> trusted,
            AssertionRules rules, AssertionKeys keys, UserStore users, ClientRegistry clients, Clock clock) {
        this.cellIssuer = jwts.issuer();
        this.accessTokens = accessTokens;
        this.jwts = jwts;
        trusted.forEach(t -> this.trusted.put(t.issuer(), t));
        this.rules = rules;
        this.keys = keys;
        this.users = users;
        this.clients = clients;
        this.clock = clock;
    }

    /**
     * The token of {@code type}; {@code invalid_request} for a missing, unsupported, invalid, expired or revoked one.
     *
     * @param name the parameter, {@code subject_token} or {@code actor_token}, for the error description
     */
    public Token read(String name, String value, String type) {
        if (value == null || value.isEmpty()) {
            throw OAuthException.invalidRequest(name + " is missing (RFC 8693 section 2.1)");
        }
        if (type == null || type.isEmpty()) {
            throw OAuthException.invalidRequest(name + "_type is missing (RFC 8693 section 2.1)");
        }
        if (value.length() > MAX_LENGTH) {
            throw invalid(name, "is too long");
        }
        return switch (type) {
            case ACCESS_TOKEN -> accessToken(name, value);
            case ID_TOKEN -> idToken(name, value);
            case JWT -> isCellJwt(value) ? accessToken(name, value) : external(name, value);
            default -> throw OAuthException.invalidRequest(name + "_type is not supported here; use " + ACCESS_TOKEN + ", "
                    + ID_TOKEN + " or " + JWT + " (RFC 8693 section 2.2.2)");
        };
    }

    private Token accessToken(String name, String value) {
        ValidatedAccessToken t = accessTokens.validate(value).orElseThrow(() -> invalid(name, "is not an active access token of this server"));
        if (clients.find(t.clientId()).isEmpty()) {
            throw invalid(name, "belongs to a client that no longer exists");
        }
        if (t.userId() != null) {
            activeUser(name, t.userId());
        }
        return new Token(cellIssuer, t.subject(), t.userId(), t.clientId(), t.scopes(), t.grantId(), t.claims(),
                ExternalSubject.in(t.claims()).orElse(null));
    }

    private Token idToken(String name, String value) {
        JWTClaimsSet claims = jwts.verify(value, ID_TOKEN_TYPES).map(IssuedJwtVerifier.Verified::claims)
                .filter(IdTokenHintVerifier::isIdToken)
                .orElseThrow(() -> invalid(name, "is not an ID token issued by this server"));
        if (!claims.getExpirationTime().toInstant().isAfter(clock.instant())) {
            throw invalid(name, "has expired");
        }
        String clientId = (String) claims.getClaim("azp");
        if (clients.find(clientId).isEmpty()) {
            throw invalid(name, "belongs to a client that no longer exists");
        }
        activeUser(name, claims.getSubject());
        return new Token(cellIssuer, claims.getSubject(), claims.getSubject(), clientId, null, null, map(claims), null);
    }

    /** A JWT of an issuer in the JWT bearer trust file, checked as that grant checks its assertions (RFC 7523 §3). */
    private Token external(String name, String value) {
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(value);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException | RuntimeException e) {
            throw invalid(name, "is not a signed JWT");
        }
        CellConfig.TrustedIssuer trust = claims.getIssuer() == null ? null : trusted.get(claims.getIssuer());
        if (trust == null) {
            throw invalid(name, "comes from an issuer this server does not trust");
        }
        JWSAlgorithm alg = jwt.getHeader().getAlgorithm();
        if (!AssertionAlgorithms.ASYMMETRIC.contains(alg)) {
            throw invalid(name, "must be signed with one of " + AssertionAlgorithms.names(AssertionAlgorithms.ASYMMETRIC));
        }
        String subject = claims.getSubject();
        if (subject == null || subject.isEmpty() || subject.length() > JwtBearerGrant.MAX_SUBJECT_LENGTH) {
            throw invalid(name, "has no usable sub");
        }
        if (!trust.allowsSubject(subject)) {
            throw invalid(name, "names a subject its issuer is not trusted to assert");
        }
        rules.check(claims, d -> OAuthException.invalidRequest(name + ": " + d));
        if (!keys.verify(jwt, trust.jwks(), trust.jwksUri(), d -> OAuthException.invalidRequest(name + ": " + d))) {
            throw invalid(name, "does not verify with its issuer's keys");
        }
        String userId = trust.localUsers() ? users.findById(subject).or(() -> users.findByUsername(subject))
                .filter(u -> !u.disabled()).orElseThrow(() -> invalid(name, "names no active user of this server")).id() : null;
        ExternalSubject external = userId == null ? new ExternalSubject(trust.issuer(), subject) : null;
        return new Token(trust.issuer(), userId != null ? userId : subject, userId, null, null, null, map(claims), external);
    }

    /** The scopes a trusted issuer's JWTs may lead to, from the trust file. */
    public Set<String> trustedScopes(String issuer) {
        CellConfig.TrustedIssuer trust = trusted.get(issuer);
        return trust == null ? Set.of() : Set.copyOf(trust.scopes());
    }

    private boolean isCellJwt(String value) {
        try {
            return cellIssuer.equals(SignedJWT.parse(value).getJWTClaimsSet().getIssuer());
        } catch (ParseException | RuntimeException e) {
            return false;
        }
    }

    private void activeUser(String name, String userId) {
        if (users.findById(userId).filter(u -> !u.disabled()).isEmpty()) {
            throw invalid(name, "speaks for a user who is no longer active");
        }
    }

    private static Map<String, Object> map(JWTClaimsSet claims) {
        Map<String, Object> all = new HashMap<>(claims.toJSONObject());
        all.values().removeIf(Objects::isNull);
        return all;
    }

    private static OAuthException invalid(String name, String what) {
        return OAuthException.invalidRequest("the " + name + " " + what + " (RFC 8693 section 2.2.2)");
    }
}
