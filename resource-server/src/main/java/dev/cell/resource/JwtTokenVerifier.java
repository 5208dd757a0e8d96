package dev.cell.resource;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Validates a JWT access token locally, in the order of RFC 9068 §4: JWS only, the algorithm on the allow-list, {@code typ}
 * {@code at+jwt}, the signature with the issuer's published key, then {@code iss}, {@code aud}, {@code exp} and {@code nbf}.
 */
final class JwtTokenVerifier implements TokenVerifier {
    private static final Set<String> AT_JWT = Set.of("at+jwt", "application/at+jwt");
    /** More keys than an issuer publishes over many rotations; past it the verifiers are simply made again. */
    private static final int MAX_VERIFIERS = 64;

    private final String issuer;
    private final String audience;
    private final Set<JWSAlgorithm> algorithms;
    private final RemoteJwks keys;
    private final Duration clockSkew;
    private final Clock clock;
    /** A verifier per issuer key, made once: making one converts the key and, for EC, checks the point is on the curve. */
    private final Map<JWK, JWSVerifier> verifiers = new ConcurrentHashMap<>();

    JwtTokenVerifier(String issuer, String audience, Set<JWSAlgorithm> algorithms, RemoteJwks keys, Duration clockSkew, Clock clock) {
        this.issuer = issuer;
        this.audience = audience;
        this.algorithms = Set.copyOf(algorithms);
        this.keys = keys;
        this.clockSkew = clockSkew;
        this.clock = clock;
    }

    @Override
    public TokenPrincipal verify(String token) {
        SignedJWT jwt = signed(token);
        JWSHeader header = jwt.getHeader();
        if (!algorithms.contains(header.getAlgorithm())) {
            throw new TokenException(TokenError.ALGORITHM_NOT_ALLOWED, "the algorithm " + header.getAlgorithm() + " is not accepted");
        }
        JOSEObjectType typ = header.getType();
        if (typ == null || !AT_JWT.contains(typ.getType().toLowerCase(java.util.Locale.ROOT))) {
            throw new TokenException(TokenError.WRONG_TYPE, "the token's typ is " + typ + ", not at+jwt");
        }
        verifySignature(jwt, header);
        return checkClaims(claims(jwt));
    }

    private static SignedJWT signed(String token) {
        JWT jwt;
        try {
            jwt = JWTParser.parse(token);
        } catch (ParseException e) {
            throw new TokenException(TokenError.MALFORMED_TOKEN, "the token is not a JWT", e);
        }
        if (jwt instanceof PlainJWT) {
            throw new TokenException(TokenError.ALGORITHM_NOT_ALLOWED, "unsigned tokens (alg none) are never accepted");
        }
        if (!(jwt instanceof SignedJWT signed)) {
            throw new TokenException(TokenError.MALFORMED_TOKEN, "the token is encrypted, not signed");
        }
        return signed;
    }

    private void verifySignature(SignedJWT jwt, JWSHeader header) {
        for (JWK key : keys.candidates(header.getKeyID(), header.getAlgorithm())) {
            try {
                if (jwt.verify(verifier(key))) {
                    return;
                }
            } catch (JOSEException e) {
                throw new TokenException(TokenError.BAD_SIGNATURE, "the signature cannot be checked", e);
            }
        }
        throw new TokenException(TokenError.BAD_SIGNATURE, "the signature does not verify with the issuer's key");
    }

    /** Public-key verifiers only: with RSA and EC keys no HMAC can ever be checked (the key-confusion attack). */
    private JWSVerifier verifier(JWK key) throws JOSEException {
        JWSVerifier verifier = verifiers.get(key);
        if (verifier == null) {
            verifier = KeyType.RSA.equals(key.getKeyType()) ? new RSASSAVerifier(key.toRSAKey()) : new ECDSAVerifier(key.toECKey());
            if (verifiers.size() >= MAX_VERIFIERS) {
                verifiers.clear();
            }
            verifiers.put(key, verifier);
        }
        return verifier;
    }

    private static JWTClaimsSet claims(SignedJWT jwt) {
        try {
            return jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new TokenException(TokenError.MALFORMED_TOKEN, "the token's claims are not a JSON object", e);
        }
    }

    private TokenPrincipal checkClaims(JWTClaimsSet claims) {
        if (!issuer.equals(claims.getIssuer())) {
            throw new TokenException(TokenError.WRONG_ISSUER, "the token was issued by " + claims.getIssuer() + ", not " + issuer);
        }
        if (!Claims.audiences(claims.getClaim("aud")).contains(audience)) {
            throw new TokenException(TokenError.WRONG_AUDIENCE, "the token is not meant for " + audience);
        }
        Instant now = clock.instant();
        Date exp = claims.getExpirationTime();
        if (exp == null) {
            throw new TokenException(TokenError.MISSING_CLAIM, "the token has no exp claim");
        }
        if (now.isAfter(exp.toInstant().plus(clockSkew))) {
            throw new TokenException(TokenError.EXPIRED, "the token expired at " + exp.toInstant());
        }
        Date nbf = claims.getNotBeforeTime();
        if (nbf != null && now.plus(clockSkew).isBefore(nbf.toInstant())) {
            throw new TokenException(TokenError.NOT_YET_VALID, "the token is not valid before " + nbf.toInstant());
        }
        return Claims.principal(claims.toJSONObject());
    }
}
