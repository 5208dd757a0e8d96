package dev.cell.assertion;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.Base64URL;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.spec.X509EncodedKeySpec;
import java.util.HexFormat;
import java.util.Set;

/**
 * EdDSA over Ed25519 (RFC 8037 §3.1) with the JDK's own implementation (JEP 339): Nimbus's {@code Ed25519Verifier} needs
 * Google Tink and its protobuf runtime on the class path, which is a lot of weight for one verification.
 */
final class JdkEd25519Verifier implements JWSVerifier {
    /** The DER SubjectPublicKeyInfo header of an Ed25519 key (RFC 8410 §4); the 32 key bytes follow. */
    private static final byte[] SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    private final PublicKey key;
    private final JCAContext jca = new JCAContext();

    JdkEd25519Verifier(OctetKeyPair okp) throws JOSEException {
        byte[] x = okp.getDecodedX();
        if (!Curve.Ed25519.equals(okp.getCurve()) || x.length != 32) {
            throw new JOSEException("not an Ed25519 public key");
        }
        byte[] spki = new byte[SPKI_PREFIX.length + x.length];
        System.arraycopy(SPKI_PREFIX, 0, spki, 0, SPKI_PREFIX.length);
        System.arraycopy(x, 0, spki, SPKI_PREFIX.length, x.length);
        try {
            this.key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
        } catch (GeneralSecurityException e) {
            throw new JOSEException("the Ed25519 key cannot be loaded: " + e.getMessage(), e);
        }
    }

    @Override
    public Set<JWSAlgorithm> supportedJWSAlgorithms() {
        return Set.of(JWSAlgorithm.EdDSA);
    }

    @Override
    public JCAContext getJCAContext() {
        return jca;
    }

    /** False for another algorithm or any critical header parameter (RFC 7515 §4.1.11: none is understood here). */
    @Override
    public boolean verify(JWSHeader header, byte[] signingInput, Base64URL signature) throws JOSEException {
        if (!JWSAlgorithm.EdDSA.equals(header.getAlgorithm()) || header.getCriticalParams() != null) {
            return false;
        }
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(key);
            verifier.update(signingInput);
            return verifier.verify(signature.decode());
        } catch (SignatureException e) {
            return false;
        } catch (GeneralSecurityException e) {
            throw new JOSEException("Ed25519 verification failed: " + e.getMessage(), e);
        }
    }
}
