package dev.cell.keys;

import dev.cell.store.SigningKeyStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Key lifecycle: creates the first keys, rotates, retires a key once every token it signed has expired,
 * and keeps each node's {@link KeyRing} no older than the refresh interval.
 */
public final class KeyService {
    private static final Logger LOG = LoggerFactory.getLogger(KeyService.class);

    private final SigningKeyStore store;
    private final MasterKey masterKey;
    private final SigningKeyFactory factory;
    private final List<String> algorithms;
    private final Duration refreshInterval;
    private final Duration longestTokenLifetime;
    private final Clock clock;
    private final ReentrantLock reloadLock = new ReentrantLock();
    private volatile KeyRing ring;

    /**
     * @param longestTokenLifetime the longest lifetime of any token signed with these keys; a retired key stays
     *     published this long (plus one refresh interval, during which other nodes may still sign with it)
     */
    public KeyService(SigningKeyStore store, MasterKey masterKey, SigningKeyFactory factory, List<String> algorithms,
            Duration refreshInterval, Duration longestTokenLifetime, Clock clock) {
        this.store = store;
        this.masterKey = masterKey;
        this.factory = factory;
        this.algorithms = List.copyOf(algorithms);
        this.refreshInterval = refreshInterval;
        this.longestTokenLifetime = longestTokenLifetime;
        this.clock = clock;
    }

    /** Generates a key for each configured algorithm that has no active key, then loads the ring. */
    public KeyRing start() {
        Instant now = clock.instant();
        List<SigningKey> existing = store.listPublished(now);
        for (String alg : algorithms) {
            boolean hasActive = existing.stream().anyMatch(k -> k.alg().equals(alg) && k.isActive());
            if (!hasActive) {
                SigningKey key = factory.generate(alg, now);
                store.insert(key);
                LOG.info("generated signing key kid={} alg={}", key.kid(), alg);
            }
        }
        return reload();
    }

    /** The current ring, reloaded from the database when older than the refresh interval. */
    public KeyRing ring() {
        KeyRing current = ring;
        if (current != null && clock.instant().isBefore(current.loadedAt().plus(refreshInterval))) {
            return current;
        }
        if (current == null) {
            return reload();
        }
        if (reloadLock.tryLock()) {
            try {
                return reload();
            } catch (RuntimeException e) {
                LOG.warn("reloading signing keys failed; using the keys loaded at {}", current.loadedAt(), e);
                return current;
            } finally {
                reloadLock.unlock();
            }
        }
        return current;
    }

    /** Reads the published keys and opens them; fails naming the key if the master key cannot open one. */
    public KeyRing reload() {
        Instant now = clock.instant();
        List<LoadedKey> loaded = new ArrayList<>();
        for (SigningKey k : store.listPublished(now)) {
            loaded.add(LoadedKey.open(k, masterKey));
        }
        KeyRing fresh = new KeyRing(loaded, now, refreshInterval);
        for (String alg : algorithms) {
            if (fresh.active(alg, now).isEmpty()) {
                throw new IllegalStateException("no active " + alg + " signing key in the database");
            }
        }
        ring = fresh;
        return fresh;
    }

    /** The key that signs new tokens of {@code alg} now (see {@link KeyRing#active}). */
    public LoadedKey signingKey(String alg) {
        return ring().active(alg, clock.instant()).orElseThrow(() -> new IllegalStateException("no " + alg + " signing key"));
    }

    /**
     * Adds a new key per algorithm, published at once and signing after one refresh interval, when every node has
     * loaded it; the old keys stay published until every token they can have signed has expired.
     */
    public List<SigningKey> rotate() {
        Instant now = clock.instant();
        Instant expires = retirementEnd(now);
        List<SigningKey> created = new ArrayList<>();
        for (String alg : algorithms) {
            SigningKey key = factory.generate(alg, now);
            store.rotate(key, now, expires);
            created.add(key);
            LOG.info("rotated signing key alg={} new kid={}; retired keys stay published until {}", alg, key.kid(), expires);
        }
        reload();
        return created;
    }

    /**
     * When a key retired at {@code now} may leave the JWKS: it may sign for one more refresh interval (until its
     * successor activates) and nodes may lag one more; then its last tokens live the longest token lifetime.
     */
    public Instant retirementEnd(Instant now) {
        return now.plus(refreshInterval).plus(refreshInterval).plus(longestTokenLifetime).plus(Duration.ofMinutes(1));
    }
}
