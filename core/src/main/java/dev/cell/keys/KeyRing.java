package dev.cell.keys;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One immutable snapshot of the published keys: the active signer per algorithm, the JWKS document
 * (RFC 7517 §5) and the legacy Spring Security OAuth {@code token_key} document, all computed once.
 */
public final class KeyRing {
    private final Map<String, LoadedKey> activeByAlg;
    private final List<LoadedKey> published;
    private final String jwksJson;
    private final String tokenKeyJson;
    private final Instant loadedAt;

    public KeyRing(List<LoadedKey> published, Instant loadedAt) {
        this.published = List.copyOf(published);
        this.loadedAt = loadedAt;
        Map<String, LoadedKey> active = new LinkedHashMap<>();
        for (LoadedKey k : published) {
            if (k.stored().isActive()) {
                active.merge(k.alg(), k, (a, b) -> newer(a, b));
            }
        }
        this.activeByAlg = Map.copyOf(active);
        List<JWK> jwks = new ArrayList<>();
        published.forEach(k -> jwks.add(k.publicJwk()));
        this.jwksJson = new JWKSet(jwks).toString(true);
        this.tokenKeyJson = Optional.ofNullable(activeByAlg.get("RS256")).map(KeyRing::tokenKey).orElse(null);
    }

    private static LoadedKey newer(LoadedKey a, LoadedKey b) {
        int c = a.stored().createdAt().compareTo(b.stored().createdAt());
        return c > 0 || (c == 0 && a.kid().compareTo(b.kid()) > 0) ? a : b;
    }

    /** The key that signs new tokens of {@code alg}. */
    public Optional<LoadedKey> active(String alg) {
        return Optional.ofNullable(activeByAlg.get(alg));
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
