package dev.cell.assertion;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.jwk.JWK;
import dev.cell.fetch.FetchException;
import dev.cell.fetch.HttpFetcher;
import dev.cell.fetch.SingleFlight;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JWK sets fetched from a {@code jwks_uri} (RFC 7591 §2, OIDC Core §10.1.1): each fetch is bounded in time and size, a
 * result is cached, and an unknown key id fetches again at most once per interval. A failed fetch is remembered for that
 * interval too, so a slow or broken URL costs one timeout per interval, not one per request.
 */
public final class RemoteJwks implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RemoteJwks.class);

    private final HttpFetcher fetcher;
    private final int maxBytes;
    private final Duration cacheLifetime;
    private final Duration minRefetchInterval;
    private final Clock clock;
    private final Cache<String, Fetch> cache = Caffeine.newBuilder().maximumSize(1_000).build();
    private final SingleFlight<Fetch> flights = new SingleFlight<>();

    /** One fetch: the usable keys, or why there are none. */
    private record Fetch(List<JWK> keys, String failure, Instant at) {}

    /**
     * @param fetcher fetches the sets, bounded in time and in the addresses it reaches
     * @param maxBytes the largest JWK set document read
     * @param cacheLifetime how long fetched keys are used before they are fetched again
     * @param minRefetchInterval the least time between two fetches of one URL, for unknown key ids and after failures
     */
    public RemoteJwks(HttpFetcher fetcher, int maxBytes, Duration cacheLifetime, Duration minRefetchInterval, Clock clock) {
        this.fetcher = fetcher;
        this.maxBytes = maxBytes;
        this.cacheLifetime = cacheLifetime;
        this.minRefetchInterval = minRefetchInterval;
        this.clock = clock;
    }

    /** The keys at {@code uri}, from the cache while fresh; throws {@link JwksUnavailableException} if they cannot be had. */
    public List<JWK> keys(String uri) {
        Fetch cached = cache.getIfPresent(uri);
        return keysOf(uri, cached != null && fresh(cached) ? cached : fetchUnless(uri, this::fresh));
    }

    /** The keys at {@code uri} fetched again, for a key id the cached set lacks, unless the last fetch is too recent. */
    public List<JWK> refetch(String uri) {
        return keysOf(uri, fetchUnless(uri, this::recent));
    }

    /** Fetches the set unless the cached fetch passes {@code good}; concurrent callers for one URL share one fetch ({@link SingleFlight}). */
    private Fetch fetchUnless(String uri, Predicate<Fetch> good) {
        return flights.run(uri, () -> {
            Fetch cached = cache.getIfPresent(uri);
            Fetch result = cached != null && good.test(cached) ? cached : fetch(uri);
            cache.put(uri, result);
            return result;
        });
    }

    private boolean fresh(Fetch f) {
        return clock.instant().isBefore(f.at().plus(f.failure() == null ? cacheLifetime : minRefetchInterval));
    }

    private boolean recent(Fetch f) {
        return clock.instant().isBefore(f.at().plus(minRefetchInterval));
    }

    private static List<JWK> keysOf(String uri, Fetch f) {
        if (f.failure() != null) {
            throw new JwksUnavailableException("the keys at " + uri + " are unavailable: " + f.failure());
        }
        return f.keys();
    }

    private Fetch fetch(String uri) {
        Instant now = clock.instant();
        try {
            HttpFetcher.Response response = fetcher.get(uri, "application/json", maxBytes, List.of());
            if (response.status() != 200) {
                return failed(uri, "HTTP status " + response.status(), now);
            }
            List<JWK> keys = PublicJwks.usableKeys(new String(response.body(), StandardCharsets.UTF_8));
            return keys.isEmpty() ? failed(uri, "the JWK set has no usable signature keys", now) : new Fetch(keys, null, now);
        } catch (FetchException e) {
            return failed(uri, e.getMessage(), now);
        } catch (IllegalArgumentException e) {
            return failed(uri, e.getMessage(), now);
        }
    }

    private static Fetch failed(String uri, String reason, Instant at) {
        LOG.warn("cannot fetch the JWK set at {}: {}", uri, reason);
        return new Fetch(List.of(), reason, at);
    }

    @Override
    public void close() {
        fetcher.close();
    }
}
