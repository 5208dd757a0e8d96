package dev.cell.server;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.auth.JWTAuthentication;
import com.nimbusds.oauth2.sdk.util.URLUtils;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.text.ParseException;
import java.util.Arrays;
import java.util.List;

/** Keys and request bodies for JWT assertion tests (Nimbus builds and signs them, but for EdDSA, which needs Tink there). */
final class AssertionKit {
    static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    private AssertionKit() {}

    static RSAKey rsa(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static ECKey ec(String kid) {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An Ed25519 key pair from the JDK (Nimbus's own Ed25519 generator and signer need Google Tink). */
    record Ed25519(KeyPair pair, OctetKeyPair publicJwk) {
        static Ed25519 generate(String kid) {
            try {
                KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
                byte[] spki = pair.getPublic().getEncoded();
                byte[] x = Arrays.copyOfRange(spki, spki.length - 32, spki.length);
                return new Ed25519(pair, new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(x)).keyID(kid).build());
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        /** Signs the claims as a compact JWS with alg EdDSA (RFC 8037 §3.1). */
        SignedJWT sign(JWTClaimsSet claims) {
            try {
                Base64URL header = new JWSHeader.Builder(JWSAlgorithm.EdDSA).keyID(publicJwk.getKeyID()).build().toBase64URL();
                Base64URL payload = Base64URL.encode(claims.toString());
                Signature s = Signature.getInstance("Ed25519");
                s.initSign(pair.getPrivate());
                s.update((header + "." + payload).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                return new SignedJWT(header, payload, Base64URL.encode(s.sign()));
            } catch (GeneralSecurityException | ParseException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** A JWS of arbitrary claims signed with an RSA key, for assertions Nimbus's client classes refuse to build. */
    static String signRs256(RSAKey key, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The public JWK set of these keys, as JSON. */
    static String publicJwks(JWK... keys) {
        return new JWKSet(List.of(keys)).toString(true);
    }

    /** A token request body with the client authentication's form parameters. */
    static String body(String grantParameters, JWTAuthentication auth) {
        return grantParameters + "&" + URLUtils.serializeParameters(auth.toParameters());
    }

    /** A token request body with a raw client assertion. */
    static String body(String grantParameters, String assertion) {
        return grantParameters + "&client_assertion_type=" + ASSERTION_TYPE + "&client_assertion=" + assertion;
    }
}
