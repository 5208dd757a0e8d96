package dev.cell.oidc;

import dev.cell.client.Client;
import dev.cell.keys.KeyService;
import dev.cell.keys.LoadedKey;
import dev.cell.token.Json;
import dev.cell.token.RandomValues;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

/** Issues ID tokens (OIDC Core §2, §3.1.3.6): signed JWTs about the authenticated user, for one client. */
public final class IdTokenIssuer {
    private static final Set<String> REGISTERED = Set.of("iss", "sub", "aud", "exp", "iat", "auth_time", "nonce", "at_hash", "azp", "jti");

    private final String issuer;
    private final String alg;
    private final Duration lifetime;
    private final KeyService keys;
    private final RandomValues random;
    private final Clock clock;

    public IdTokenIssuer(URI issuer, String alg, Duration lifetime, KeyService keys, RandomValues random, Clock clock) {
        this.issuer = issuer.toString();
        this.alg = alg;
        this.lifetime = lifetime;
        this.keys = keys;
        this.random = random;
        this.clock = clock;
    }

    /**
     * @param nonce the authorization request's {@code nonce}, or null
     * @param authTime when the user authenticated, or null if unknown
     * @param accessToken the access token issued with it, for {@code at_hash}, or null
     * @param extraClaims further claims (e.g. {@code sid}, {@code acr}); never overriding the ones above
     */
    public String issue(Client client, String userId, String nonce, Instant authTime, String accessToken,
            Map<String, Object> extraClaims) {
        LoadedKey key = keys.signingKey(alg);
        Instant now = clock.instant();
        byte[] payload = Json.write(g -> {
            g.writeStartObject();
            g.writeStringField("iss", issuer);
            g.writeStringField("sub", userId);
            g.writeStringField("aud", client.clientId());
            g.writeNumberField("exp", now.plus(lifetime).getEpochSecond());
            g.writeNumberField("iat", now.getEpochSecond());
            if (authTime != null) {
                g.writeNumberField("auth_time", authTime.getEpochSecond());
            }
            if (nonce != null) {
                g.writeStringField("nonce", nonce);
            }
            if (accessToken != null) {
                g.writeStringField("at_hash", atHash(accessToken));
            }
            g.writeStringField("azp", client.clientId());
            g.writeStringField("jti", random.id());
            for (Map.Entry<String, Object> e : extraClaims.entrySet()) {
                if (!REGISTERED.contains(e.getKey())) {
                    g.writeFieldName(e.getKey());
                    g.writeObject(e.getValue());
                }
            }
            g.writeEndObject();
        });
        return key.signJwt(payload);
    }

    /** The base64url left-most half of the SHA-256 of the ASCII access token (OIDC Core §3.1.3.6; RS256 and ES256 both hash with SHA-256). */
    public static String atHash(String accessToken) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(accessToken.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, digest.length / 2));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
