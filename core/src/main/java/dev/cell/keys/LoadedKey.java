package dev.cell.keys;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.util.Base64URL;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Base64;

/**
 * A signing key opened for use: its private JWK, a ready signer and verifier, and the encoded protected header
 * (RFC 7515 §7.1) for each token type, built once so signing a token only encodes the payload and signs, and checking
 * one only verifies (no key conversion or curve-point check per token).
 */
public final class LoadedKey {
    /** The {@code typ} of logout tokens (OIDC Back-Channel Logout 1.0 §2.4). */
    public static final JOSEObjectType LOGOUT_TOKEN_TYPE = new JOSEObjectType("logout+jwt");
    private static final Base64.Encoder PAYLOAD_ENCODER = Base64.getUrlEncoder().withoutPadding();
    private final SigningKey stored;
    private final JWK jwk;
    private final JWK publicJwk;
    private final JWSSigner signer;
    private final JWSVerifier verifier;
    private final JWSHeader header;
    private final String accessTokenHeader;
    private final String jwtHeader;
    private final String logoutTokenHeader;

    private LoadedKey(SigningKey stored, JWK jwk) throws JOSEException {
        this.stored = stored;
        this.jwk = jwk;
        this.publicJwk = jwk.toPublicJWK();
        JWSAlgorithm alg = JWSAlgorithm.parse(stored.alg());
        switch (stored.alg()) {
            case "RS256" -> {
                this.signer = new RSASSASigner(jwk.toRSAKey());
                this.verifier = new RSASSAVerifier(publicJwk.toRSAKey());
            }
            case "ES256" -> {
                this.signer = new ECDSASigner(jwk.toECKey());
                this.verifier = new ECDSAVerifier(publicJwk.toECKey());
            }
            default -> throw new JOSEException("unsupported algorithm " + stored.alg());
        }
        this.header = new JWSHeader.Builder(alg).keyID(stored.kid()).build();
        this.accessTokenHeader = new JWSHeader.Builder(alg).keyID(stored.kid()).type(new JOSEObjectType("at+jwt")).build()
                .toBase64URL().toString();
        this.jwtHeader = new JWSHeader.Builder(alg).keyID(stored.kid()).type(JOSEObjectType.JWT).build().toBase64URL().toString();
        this.logoutTokenHeader = new JWSHeader.Builder(alg).keyID(stored.kid()).type(LOGOUT_TOKEN_TYPE).build().toBase64URL().toString();
    }

    /**
     * Opens the sealed private part with the master key; fails with a message naming the key and the reason if it cannot:
     * sealed by another master key, stored in the clear, or altered.
     */
    public static LoadedKey open(SigningKey stored, MasterKey masterKey) {
        String sealed = stored.privateKeyEncrypted();
        if (sealed == null || sealed.isBlank() || sealed.strip().startsWith("{")) {
            throw new IllegalStateException("signing key " + stored.kid() + " is stored unencrypted; Cell only uses private keys sealed "
                    + "under the master key: delete the row and let Cell generate a new key (cell keys rotate)");
        }
        try {
            return new LoadedKey(stored, JWK.parse(masterKey.open(sealed)));
        } catch (IllegalArgumentException e) {
            if (masterKey.id().equals(stored.masterKeyId())) {
                throw new IllegalStateException("signing key " + stored.kid() + " does not open with the master key " + masterKey.id()
                        + " that sealed it: the stored value was altered or damaged", e);
            }
            throw new IllegalStateException("signing key " + stored.kid() + " was sealed by master key " + stored.masterKeyId()
                    + " and cannot be opened with the configured master key " + masterKey.id()
                    + ": configure the master key that sealed it (keys.master-key)", e);
        } catch (ParseException | JOSEException e) {
            throw new IllegalStateException("signing key " + stored.kid() + " is corrupt", e);
        }
    }

    public SigningKey stored() {
        return stored;
    }

    public String kid() {
        return stored.kid();
    }

    public String alg() {
        return stored.alg();
    }

    public JWK publicJwk() {
        return publicJwk;
    }

    /** True if this key's public part verifies the JWS signature (RFC 7515 §5.2); the caller checks that the kid and alg match. */
    public boolean verifies(JWSObject jws) throws JOSEException {
        return jws.verify(verifier);
    }

    public JWK privateJwk() {
        return jwk;
    }

    /** Signs a JWT payload with {@code typ: at+jwt} (RFC 9068 §2.1); returns the compact serialization. */
    public String signAccessToken(byte[] payloadJson) {
        return sign(accessTokenHeader, payloadJson);
    }

    /** Signs a JWT payload with {@code typ: JWT}; returns the compact serialization. */
    public String signJwt(byte[] payloadJson) {
        return sign(jwtHeader, payloadJson);
    }

    /** Signs a logout token payload with {@code typ: logout+jwt} (OIDC Back-Channel Logout 1.0 §2.4); returns the compact serialization. */
    public String signLogoutToken(byte[] payloadJson) {
        return sign(logoutTokenHeader, payloadJson);
    }

    private String sign(String encodedHeader, byte[] payloadJson) {
        // the JDK's base64url encoder (RFC 4648 §5, no padding, as RFC 7515 §2 asks) is vectorised; Nimbus's is not
        String signingInput = encodedHeader + "." + PAYLOAD_ENCODER.encodeToString(payloadJson);
        try {
            Base64URL signature = signer.sign(header, signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + signature;
        } catch (JOSEException e) {
            throw new IllegalStateException("signing with key " + stored.kid() + " failed", e);
        }
    }
}
