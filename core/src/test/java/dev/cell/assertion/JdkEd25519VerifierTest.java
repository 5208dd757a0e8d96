package dev.cell.assertion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.Base64URL;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Arrays;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** EdDSA over Ed25519 (RFC 8037 §3.1) verified with the JDK. */
class JdkEd25519VerifierTest {
    final KeyPair pair;
    final OctetKeyPair jwk;

    JdkEd25519VerifierTest() throws Exception {
        pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        byte[] spki = pair.getPublic().getEncoded();
        jwk = new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(Arrays.copyOfRange(spki, spki.length - 32, spki.length))).build();
    }

    byte[] sign(byte[] input) throws Exception {
        Signature s = Signature.getInstance("Ed25519");
        s.initSign(pair.getPrivate());
        s.update(input);
        return s.sign();
    }

    @Test
    void verifiesAGoodSignatureAndRefusesATamperedOne() throws Exception {
        byte[] input = "header.payload".getBytes(StandardCharsets.US_ASCII);
        Base64URL signature = Base64URL.encode(sign(input));
        JdkEd25519Verifier verifier = new JdkEd25519Verifier(jwk);
        JWSHeader header = new JWSHeader(JWSAlgorithm.EdDSA);
        assertThat(verifier.verify(header, input, signature)).isTrue();
        assertThat(verifier.verify(header, "header.payloaD".getBytes(StandardCharsets.US_ASCII), signature)).isFalse();
        assertThat(verifier.verify(header, input, Base64URL.encode(new byte[7]))).as("a malformed signature").isFalse();
    }

    @Test
    void refusesAnotherAlgorithmAndCriticalHeaders() throws Exception {
        byte[] input = "header.payload".getBytes(StandardCharsets.US_ASCII);
        Base64URL signature = Base64URL.encode(sign(input));
        JdkEd25519Verifier verifier = new JdkEd25519Verifier(jwk);
        assertThat(verifier.verify(new JWSHeader(JWSAlgorithm.ES256), input, signature)).isFalse();
        JWSHeader critical = new JWSHeader.Builder(JWSAlgorithm.EdDSA).criticalParams(Set.of("exp")).customParam("exp", 1).build();
        assertThat(verifier.verify(critical, input, signature)).isFalse();
    }

    @Test
    void acceptsOnlyEd25519Keys() {
        OctetKeyPair x25519 = new OctetKeyPair.Builder(Curve.X25519, jwk.getX()).build();
        assertThatThrownBy(() -> new JdkEd25519Verifier(x25519)).isInstanceOf(JOSEException.class);
    }
}
