package dev.cell.client;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.cell.error.OAuthError;
import dev.cell.error.OAuthException;
import dev.cell.fetch.FetchException;
import dev.cell.fetch.HttpFetcher;
import dev.cell.fetch.SingleFlight;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Clients known by a Client Identifier URL (draft-ietf-oauth-client-id-metadata-document §5): the document is fetched by a
 * guarded {@link HttpFetcher} (no redirects, bounded size and time, public addresses only), read by
 * {@link ClientIdMetadataDocument}, and cached for the lifetime its HTTP caching headers give, within bounds (§5.2). A
 * failed fetch or a refused document is remembered for a short while, so a broken URL costs one fetch per interval, not
 * one per request. Concurrent lookups of one URL share one fetch, and at most {@link Settings#maxConcurrentFetches} URLs are
 * fetched at once: anyone may send any URL to the authorization endpoint, so a flood of slow URLs must not tie up the node.
 */
public final class ClientIdMetadataDocuments implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ClientIdMetadataDocuments.class);
    private static final List<String> CACHING_HEADERS = List.of("Cache-Control", "Expires", "Date", "Age");

    private final ClientIdMetadataPolicy policy;
    private final Settings settings;
    private final HttpFetcher fetcher;
    private final ClientMetadataValidator validator;
    private final Clock clock;
    private final Cache<String, Entry> cache = Caffeine.newBuilder().maximumSize(10_000).build();
    private final SingleFlight<Entry> flights = new SingleFlight<>();
    private final Semaphore fetches;

    /**
     * @param maxBytes the largest document read (the draft recommends 5 KB, §8.7)
     * @param minLifetime the least time a document is used before it is fetched again, whatever its headers say
     * @param maxLifetime the most time a document is used before it is fetched again
     * @param failureLifetime how long a failed fetch or refused document is remembered
     * @param scopes the scopes such clients may have
     * @param resources the resources (RFC 8707) such clients may ask for
     * @param maxConcurrentFetches the most documents fetched at once; a lookup beyond fails at once and is not remembered
     */
    public record Settings(int maxBytes, Duration minLifetime, Duration maxLifetime, Duration failureLifetime, Set<String> scopes,
            List<String> resources, int maxConcurrentFetches) {
        public Settings {
            scopes = Set.copyOf(scopes);
            resources = List.copyOf(resources);
        }
    }

    /** A client read from its document, or why there is none, and until when that holds. */
    private record Entry(Client client, String failure, Instant until) {}

    public ClientIdMetadataDocuments(ClientIdMetadataPolicy policy, Settings settings, HttpFetcher fetcher, ClientMetadataValidator validator,
            Clock clock) {
        this.policy = policy;
        this.settings = settings;
        this.fetcher = fetcher;
        this.validator = validator;
        this.clock = clock;
        this.fetches = new Semaphore(settings.maxConcurrentFetches());
    }

    /** True if {@code clientId} is a Client Identifier URL this server may resolve: CIMD is on and it starts with {@code https://}. */
    public boolean handles(String clientId) {
        return policy.enabled() && ClientIdUrl.candidate(clientId);
    }

    /** The client at {@code clientId}, or empty when its document cannot be had or used (the reason is logged). */
    public Optional<Client> find(String clientId) {
        try {
            return Optional.of(resolve(clientId));
        } catch (OAuthException e) {
            return Optional.empty();
        }
    }

    /**
     * The client at {@code clientId}, from the cache while fresh.
     *
     * @throws OAuthException {@code invalid_client} (status 400, for the error page) saying why the document cannot be used
     */
    public Client resolve(String clientId) {
        String host;
        try {
            host = ClientIdUrl.host(clientId);
        } catch (IllegalArgumentException e) {
            throw unusable(e.getMessage());
        }
        if (!policy.covers(host)) {
            throw unusable("this server accepts client ID metadata documents only from listed domains, and " + host + " is not one");
        }
        Entry cached = cache.getIfPresent(clientId);
        Entry entry = cached != null && fresh(cached) ? cached : fetchOnce(clientId);
        if (entry.client() == null) {
            throw unusable("the client ID metadata document at " + clientId + " cannot be used: " + entry.failure());
        }
        return entry.client();
    }

    /** Fetches unless a concurrent caller already is ({@link SingleFlight}). */
    private Entry fetchOnce(String clientId) {
        return flights.run(clientId, () -> {
            Entry cached = cache.getIfPresent(clientId);
            if (cached != null && fresh(cached)) {
                return cached;
            }
            if (!fetches.tryAcquire()) {
                return new Entry(null, "too many client ID metadata documents are being fetched at once; try again shortly", clock.instant());
            }
            Entry result;
            try {
                result = fetch(clientId);
            } finally {
                fetches.release();
            }
            cache.put(clientId, result);
            return result;
        });
    }

    private boolean fresh(Entry e) {
        return clock.instant().isBefore(e.until());
    }

    private Entry fetch(String clientId) {
        Instant now = clock.instant();
        HttpFetcher.Response response;
        try {
            response = fetcher.get(clientId, "application/json", settings.maxBytes(), CACHING_HEADERS);
        } catch (FetchException e) {
            return failed(clientId, e.getMessage(), now);
        }
        if (response.status() != 200) {
            return failed(clientId, "HTTP status " + response.status() + " (the document must be served with 200; redirects are not followed)", now);
        }
        ClientMetadata metadata;
        try {
            metadata = ClientIdMetadataDocument.read(clientId, response.body(), validator, settings.scopes(), settings.resources());
        } catch (OAuthException e) {
            return failed(clientId, e.error().code() + ": " + e.description(), now);
        }
        Duration lifetime = CacheLifetime.of(response.header("Cache-Control"), response.header("Expires"), response.header("Date"),
                response.header("Age"), now, settings.minLifetime(), settings.maxLifetime());
        Client client = Client.builder().clientId(clientId).metadata(metadata).createdAt(now).version(0).metadataDocument(true).build();
        return new Entry(client, null, now.plus(lifetime));
    }

    private Entry failed(String clientId, String reason, Instant now) {
        LOG.info("cannot use the client ID metadata document at {}: {}", clientId, reason.replaceAll("\\p{Cntrl}", "?"));
        return new Entry(null, reason, now.plus(settings.failureLifetime()));
    }

    private static OAuthException unusable(String description) {
        return new OAuthException(OAuthError.INVALID_CLIENT, description, 400);
    }

    @Override
    public void close() {
        fetcher.close();
    }
}
