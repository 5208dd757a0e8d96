package dev.cell.assertion;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.SignedJWT;
import dev.cell.error.OAuthException;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Verifies an assertion's signature with its issuer's public keys (RFC 7523 §3 item 9), given inline as a JWK set or
 * published at a {@code jwks_uri}; a key id missing from the cached set fetches the set again (key rotation).
 */
public final class AssertionKeys {
    private final RemoteJwks remote;

    public AssertionKeys(RemoteJwks remote) {
        this.remote = remote;
    }

    /**
     * @param jwks the issuer's JWK set as JSON, or null to use {@code jwksUri}
     * @param failure makes the error for keys that cannot be had
     * @return true if one of the issuer's keys that fits the header verifies the signature
     */
    public boolean verify(SignedJWT jwt, String jwks, String jwksUri, Function<String, OAuthException> failure) {
        if (jwks != null) {
            try {
                return verifyWith(jwt, verifiers(PublicJwks.usableKeys(jwks), jwt.getHeader()));
            } catch (IllegalArgumentException e) {
                throw failure.apply("the registered JWK set cannot be read");
            }
        }
        if (jwksUri == null) {
            throw failure.apply("no keys are registered to verify the assertion");
        }
        try {
            List<JWSVerifier> verifiers = verifiers(remote.keys(jwksUri), jwt.getHeader());
            if (verifiers.isEmpty()) {
                verifiers = verifiers(remote.refetch(jwksUri), jwt.getHeader());
            }
            return verifyWith(jwt, verifiers);
        } catch (JwksUnavailableException e) {
            throw failure.apply(e.getMessage());
        }
    }

    /** Verifiers for the keys with the header's {@code kid} (any key when it has none) that fit its algorithm. */
    private static List<JWSVerifier> verifiers(List<JWK> keys, JWSHeader header) {
        String kid = header.getKeyID();
        return keys.stream()
                .filter(k -> kid == null || kid.equals(k.getKeyID()))
                .flatMap(k -> verifier(header, k).stream())
                .toList();
    }

    private static boolean verifyWith(SignedJWT jwt, List<JWSVerifier> verifiers) {
        for (JWSVerifier verifier : verifiers) {
            try {
                if (jwt.verify(verifier)) {
                    return true;
                }
            } catch (JOSEException e) {
                // a key that cannot check this signature simply does not verify it
            }
        }
        return false;
    }

    private static Optional<JWSVerifier> verifier(JWSHeader header, JWK key) {
        try {
            return AssertionAlgorithms.verifier(header.getAlgorithm(), key);
        } catch (JOSEException e) {
            return Optional.empty();
        }
    }
}
