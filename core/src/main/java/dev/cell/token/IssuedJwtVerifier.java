package dev.cell.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.cell.keys.KeyService;
import dev.cell.keys.LoadedKey;
import java.net.URI;
import java.text.ParseException;
import java.util.Optional;
import java.util.Set;

/**
 * Verifies a JWT this server signed (RFC 7515 section 5.2; explicit typing, RFC 8725 section 3.11): its {@code typ} is one the
 * caller expects, its header names a published key by {@code kid} of the algorithm it states, the signature verifies, and
 * {@code iss} is this server. Expiry and the claims a kind of token must carry are the caller's to check.
 */
public final class IssuedJwtVerifier {
    /** A JWT that passed: its declared {@code typ} and its claims. */
    public record Verified(JOSEObjectType type, JWTClaimsSet claims) {}

    private final String issuer;
    private final KeyService keys;

    public IssuedJwtVerifier(URI issuer, KeyService keys) {
        this.issuer = issuer.toString();
        this.keys = keys;
    }

    /** This server's issuer identifier, as its JWTs carry it in {@code iss}. */
    public String issuer() {
        return issuer;
    }

    /** The JWT's type and claims if this server signed it with one of {@code types}; empty for anything else. */
    public Optional<Verified> verify(String token, Set<JOSEObjectType> types) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            JWSHeader header = jwt.getHeader();
            if (header.getType() == null || !types.contains(header.getType()) || header.getKeyID() == null) {
                return Optional.empty();
            }
            Optional<LoadedKey> key = keys.ring().byKid(header.getKeyID());
            if (key.isEmpty() || !key.get().alg().equals(header.getAlgorithm().getName()) || !key.get().verifies(jwt)) {
                return Optional.empty();
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            return issuer.equals(claims.getIssuer()) ? Optional.of(new Verified(header.getType(), claims)) : Optional.empty();
        } catch (ParseException | JOSEException e) {
            return Optional.empty();
        }
    }
}
