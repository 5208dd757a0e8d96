package dev.cell.resource;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.jwk.KeyUse;
import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The issuer's JWK Set (RFC 7517 §5), cached for a time to live and fetched again at once for an unknown {@code kid} (keys
 * rotate), but never more often than the minimum interval, so tokens with invented key ids cannot make it hammer the server.
 * If a refresh fails, the keys already held stay in use until a later refresh succeeds.
 */
final class RemoteJwks {
    private final Supplier<URI> jwksUri;
    private final JsonHttp http;
    private final Duration ttl;
    private final Duration minRefetchInterval;
    private final Clock clock;
    private JWKSet keys;
    private Instant loadedAt;
    private Instant attemptedAt;

    RemoteJwks(Supplier<URI> jwksUri, JsonHttp http, Duration ttl, Duration minRefetchInterval, Clock clock) {
        this.jwksUri = jwksUri;
        this.http = http;
        this.ttl = ttl;
        this.minRefetchInterval = minRefetchInterval;
        this.clock = clock;
    }

    /** The public keys that may have signed a token with this {@code kid} (null: any) and algorithm. */
    synchronized List<JWK> candidates(String kid, JWSAlgorithm alg) {
        Instant now = clock.instant();
        if (keys == null || (now.isAfter(loadedAt.plus(ttl)) && mayFetch(now))) {
            load(now);
        }
        List<JWK> found = select(kid, alg);
        if (found.isEmpty() && mayFetch(now)) {
            load(now);
            found = select(kid, alg);
        }
        if (found.isEmpty()) {
            throw new TokenException(TokenError.UNKNOWN_KEY, "no key of the issuer matches kid " + kid + " and alg " + alg);
        }
        return found;
    }

    private boolean mayFetch(Instant now) {
        return attemptedAt == null || !now.isBefore(attemptedAt.plus(minRefetchInterval));
    }

    private void load(Instant now) {
        attemptedAt = now;
        try {
            JsonHttp.Reply reply = http.get(jwksUri.get());
            if (reply.status() != 200) {
                throw new TokenException(TokenError.UPSTREAM_ERROR, "the JWK Set endpoint answered status " + reply.status());
            }
            keys = JWKSet.parse(reply.json());
            loadedAt = now;
        } catch (ParseException e) {
            if (keys == null) {
                throw new TokenException(TokenError.UPSTREAM_ERROR, "the issuer's JWK Set is not valid", e);
            }
        } catch (TokenException e) {
            if (keys == null) {
                throw e;
            }
        }
    }

    private List<JWK> select(String kid, JWSAlgorithm alg) {
        JWKMatcher.Builder m = new JWKMatcher.Builder().keyType(KeyType.forAlgorithm(alg)).keyUses(KeyUse.SIGNATURE, null)
                .algorithms(alg, null).publicOnly(true);
        if (kid != null) {
            m.keyID(kid);
        }
        Set<Curve> curves = Curve.forJWSAlgorithm(alg);
        if (curves != null) {
            m.curves(curves);
        }
        return new JWKSelector(m.build()).select(keys);
    }
}
