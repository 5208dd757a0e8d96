package dev.cell.token;

import dev.cell.client.Client;
import dev.cell.keys.KeyService;
import dev.cell.keys.LoadedKey;
import dev.cell.store.TokenStore;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Issues access tokens: JWTs per RFC 9068 (signed, never stored) or opaque values stored under their hash. A JWT carries
 * its grant id in the private claim {@code gid}, so revoking the grant reaches it through the deny list.
 */
public final class AccessTokenIssuer {
    private static final Set<String> REGISTERED = Set.of("iss", "sub", "aud", "exp", "iat", "jti", "client_id", "scope", "gid");

    private final String issuer;
    private final String signingAlg;
    private final Duration lifetime;
    private final KeyService keys;
    private final TokenStore tokens;
    private final RandomValues random;
    private final Clock clock;

    public AccessTokenIssuer(URI issuer, String signingAlg, Duration lifetime, KeyService keys, TokenStore tokens,
            RandomValues random, Clock clock) {
        this.issuer = issuer.toString();
        this.signingAlg = signingAlg;
        this.lifetime = lifetime;
        this.keys = keys;
        this.tokens = tokens;
        this.random = random;
        this.clock = clock;
    }

    public IssuedAccessToken issue(AccessTokenRequest request) {
        Instant now = clock.instant();
        Instant exp = now.plus(lifetime);
        String value = request.client().accessTokenFormat() == AccessTokenFormat.OPAQUE
                ? opaque(request, now, exp)
                : jwt(request, now, exp);
        return new IssuedAccessToken(value, exp, lifetime.toSeconds());
    }

    /** The {@code aud} of the client's tokens: its registered audiences, else its own id. */
    public static List<String> audiences(Client client) {
        return client.audiences().isEmpty() ? List.of(client.clientId()) : client.audiences();
    }

    /** The {@code scope} claim: space-separated, sorted for a stable form (RFC 6749 §3.3). */
    public static String scopeString(Set<String> scopes) {
        return String.join(" ", new TreeSet<>(scopes));
    }

    private String jwt(AccessTokenRequest r, Instant now, Instant exp) {
        LoadedKey key = keys.signingKey(signingAlg);
        List<String> aud = r.effectiveAudiences();
        byte[] payload = Json.write(g -> {
            g.writeStartObject();
            g.writeStringField("iss", issuer);
            g.writeStringField("sub", r.subject());
            if (aud.size() == 1) {
                g.writeStringField("aud", aud.get(0));
            } else {
                g.writeArrayFieldStart("aud");
                for (String a : aud) {
                    g.writeString(a);
                }
                g.writeEndArray();
            }
            g.writeNumberField("exp", exp.getEpochSecond());
            g.writeNumberField("iat", now.getEpochSecond());
            g.writeStringField("jti", random.id());
            g.writeStringField("client_id", r.client().clientId());
            if (r.grantId() != null) {
                g.writeStringField("gid", r.grantId());
            }
            if (!r.scopes().isEmpty()) {
                g.writeStringField("scope", scopeString(r.scopes()));
            }
            for (Map.Entry<String, Object> e : r.extraClaims().entrySet()) {
                if (!REGISTERED.contains(e.getKey())) {
                    g.writeFieldName(e.getKey());
                    g.writeObject(e.getValue());
                }
            }
            g.writeEndObject();
        });
        return r.client().legacyTokenClaims() ? key.signJwt(payload) : key.signAccessToken(payload);
    }

    private String opaque(AccessTokenRequest r, Instant now, Instant exp) {
        String value = random.orderedToken();
        tokens.save(new StoredToken(TokenHasher.orderedHash(value), TokenKind.ACCESS, r.grantId(), r.client().clientId(), r.userId(),
                r.scopes(), r.effectiveAudiences(), r.extraClaims(), now, exp, null, null, null));
        return value;
    }
}
