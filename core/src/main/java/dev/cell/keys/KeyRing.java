package dev.cell.keys;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import java.time.Instant;
import java.util.ArrayList;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * One immutable snapshot of the published keys: the signer per algorithm, the JWKS document (RFC 7517 §5) and the
 * legacy Spring Security OAuth {@code token_key} document. A new key is published at once but signs only once it has
 * been in the database for the activation delay (one key refresh interval), so every node knows it before any token
 * signed with it can reach a resource server.
 */
public final class KeyRing {
    private final List<LoadedKey> published;
    private final Duration activationDelay;
    private final String jwksJson;
    private final String tokenKeyJson;
    private final Instant loadedAt;

    public KeyRing(List<LoadedKey> published, Instant loadedAt, Duration activationDelay) {
        this.published = published.stream().sorted(OLDEST_FIRST).toList();
        this.loadedAt = loadedAt;
        this.activationDelay = activationDelay;
        List<JWK> jwks = new ArrayList<>();
        published.forEach(k -> jwks.add(k.publicJwk()));
        this.jwksJson = new JWKSet(jwks).toString(true);
        this.tokenKeyJson = active("RS256", loadedAt).map(KeyRing::tokenKey).orElse(null);
    }

    private static final Comparator<LoadedKey> OLDEST_FIRST =
            Comparator.comparing((LoadedKey k) -> k.stored().createdAt()).thenComparing(LoadedKey::kid);

    /**
     * The key that signs new tokens of {@code alg} at {@code now}: the newest one published for at least the activation
     * delay, or, while none is (a fresh installation), the oldest.
     */
    public Optional<LoadedKey> active(String alg, Instant now) {
        LoadedKey chosen = null;
        for (LoadedKey k : published) {
            if (!k.alg().equals(alg)) {
                continue;
            }
            if (chosen == null || !k.stored().createdAt().plus(activationDelay).isAfter(now)) {
                chosen = k;
            }
        }
        return Optional.ofNullable(chosen);
    }

    /** Any published key by kid, active or retiring: what verifies a token. */
    public Optional<LoadedKey> byKid(String kid) {
        return published.stream().filter(k -> k.kid().equals(kid)).findFirst();
    }

    public List<LoadedKey> published() {
        return published;
    }

    public String jwksJson() {
        return jwksJson;
    }

    /** {@code {"alg":"SHA256withRSA","value":"-----BEGIN PUBLIC KEY-----..."}}, or empty without an RSA key. */
    public Optional<String> tokenKeyJson() {
        return Optional.ofNullable(tokenKeyJson);
    }

    public Instant loadedAt() {
        return loadedAt;
    }

    private static String tokenKey(LoadedKey key) {
        try {
            byte[] der = key.publicJwk().toRSAKey().toRSAPublicKey().getEncoded();
            String pem = "-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                    + "\n-----END PUBLIC KEY-----";
            return "{\"alg\":\"SHA256withRSA\",\"value\":\"" + pem.replace("\n", "\\n") + "\"}";
        } catch (JOSEException e) {
            throw new IllegalStateException("key " + key.kid() + " is not an RSA key", e);
        }
    }
}
