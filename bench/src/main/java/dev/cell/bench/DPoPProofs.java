package dev.cell.bench;

import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * DPoP proofs (RFC 9449 §4.2) as a client makes them, one per request: ES256 over a P-256 key of this connection, with
 * the JDK's signature in the raw R||S form JWS needs (RFC 7518 §3.4), so the generator keeps no dependencies.
 */
final class DPoPProofs {
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final KeyPair key;
    private final String header;
    private final String htu;

    DPoPProofs(URI endpoint) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            key = g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("P-256 keys are not available", e);
        }
        ECPublicKey pub = (ECPublicKey) key.getPublic();
        String jwk = "{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"" + coordinate(pub.getW().getAffineX()) + "\",\"y\":\""
                + coordinate(pub.getW().getAffineY()) + "\"}";
        header = b64("{\"typ\":\"dpop+jwt\",\"alg\":\"ES256\",\"jwk\":" + jwk + "}");
        htu = endpoint.toString();
    }

    /** A fresh proof for a POST to the endpoint: a new {@code jti}, {@code iat} now. */
    String next() {
        String payload = b64("{\"jti\":\"" + UUID.randomUUID() + "\",\"htm\":\"POST\",\"htu\":\"" + htu + "\",\"iat\":"
                + Instant.now().getEpochSecond() + "}");
        String input = header + "." + payload;
        try {
            Signature s = Signature.getInstance("SHA256withECDSAinP1363Format");
            s.initSign(key.getPrivate());
            s.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + B64.encodeToString(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ES256 signing failed", e);
        }
    }

    /** An EC coordinate as the 32 big-endian bytes RFC 7518 §6.2.1.2 asks for. */
    private static String coordinate(BigInteger c) {
        byte[] raw = c.toByteArray();
        byte[] out = new byte[32];
        int n = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - n, out, 32 - n, n);
        return B64.encodeToString(out);
    }

    private static String b64(String json) {
        return B64.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
