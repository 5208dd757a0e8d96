package dev.cell.keys;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.time.Instant;

/** Generates signing keys (RSA for RS256, P-256 for ES256; RFC 7518 §3.3, §3.4) and seals their private parts. */
public final class SigningKeyFactory {
    private final MasterKey masterKey;
    private final int rsaKeySize;

    public SigningKeyFactory(MasterKey masterKey, int rsaKeySize) {
        if (rsaKeySize < 2048) {
            throw new IllegalArgumentException("RSA keys must have at least 2048 bits");
        }
        this.masterKey = masterKey;
        this.rsaKeySize = rsaKeySize;
    }

    /** A new active key for {@code alg}, its kid the JWK thumbprint (RFC 7638). */
    public SigningKey generate(String alg, Instant now) {
        JWK jwk;
        try {
            jwk = switch (alg) {
                case "RS256" -> new RSAKeyGenerator(rsaKeySize).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256)
                        .keyIDFromThumbprint(true).generate();
                case "ES256" -> new ECKeyGenerator(Curve.P_256).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.ES256)
                        .keyIDFromThumbprint(true).generate();
                default -> throw new IllegalArgumentException("unsupported signing algorithm: " + alg);
            };
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate a " + alg + " key", e);
        }
        return new SigningKey(jwk.getKeyID(), alg, jwk.toPublicJWK().toJSONString(), masterKey.seal(jwk.toJSONString()),
                masterKey.id(), now, null, null);
    }
}
