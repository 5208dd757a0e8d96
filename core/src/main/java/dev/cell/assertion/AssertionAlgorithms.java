package dev.cell.assertion;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import java.util.List;
import java.util.Optional;

/** The JWS algorithms accepted in assertions (RFC 7518 §3, RFC 8037 §3.1) and the verifier for a public key of each; never {@code none}. */
public final class AssertionAlgorithms {
    /** Signatures with a public key: {@code private_key_jwt} and the JWT bearer grant. */
    public static final List<JWSAlgorithm> ASYMMETRIC = List.of(JWSAlgorithm.RS256, JWSAlgorithm.PS256, JWSAlgorithm.ES256, JWSAlgorithm.EdDSA);
    /** MACs with the client secret: {@code client_secret_jwt} only. */
    public static final List<JWSAlgorithm> HMAC = List.of(JWSAlgorithm.HS256, JWSAlgorithm.HS384, JWSAlgorithm.HS512);

    private AssertionAlgorithms() {}

    /** The algorithm names, as discovery lists them. */
    public static List<String> names(List<JWSAlgorithm> algorithms) {
        return algorithms.stream().map(JWSAlgorithm::getName).toList();
    }

    /** A verifier of {@code alg} signatures with {@code key}, or empty when the key does not fit the algorithm. */
    static Optional<JWSVerifier> verifier(JWSAlgorithm alg, JWK key) throws JOSEException {
        if (key.getAlgorithm() != null && !key.getAlgorithm().equals(alg)) {
            return Optional.empty();
        }
        if ((JWSAlgorithm.RS256.equals(alg) || JWSAlgorithm.PS256.equals(alg)) && key instanceof RSAKey rsa) {
            return Optional.of(new RSASSAVerifier(rsa));
        }
        if (JWSAlgorithm.ES256.equals(alg) && key instanceof ECKey ec && Curve.P_256.equals(ec.getCurve())) {
            return Optional.of(new ECDSAVerifier(ec));
        }
        if (JWSAlgorithm.EdDSA.equals(alg) && key instanceof OctetKeyPair okp && Curve.Ed25519.equals(okp.getCurve())) {
            return Optional.of(new JdkEd25519Verifier(okp));
        }
        return Optional.empty();
    }
}
