package dev.cell.fetch;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Concurrent callers for one key share one run of the work (one fetch of a URL), and no lock is held while it runs: blocking
 * inside a cache's compute would stall the cache's and the HTTP client's shared threads.
 */
public final class SingleFlight<V> {
    private final ConcurrentHashMap<String, CompletableFuture<V>> inFlight = new ConcurrentHashMap<>();

    /** Runs {@code work} for {@code key}, or waits for the run another caller has started and takes its result or failure. */
    public V run(String key, Supplier<V> work) {
        CompletableFuture<V> mine = new CompletableFuture<>();
        CompletableFuture<V> running = inFlight.putIfAbsent(key, mine);
        if (running != null) {
            return running.join();
        }
        try {
            V result = work.get();
            mine.complete(result);
            return result;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(key, mine);
        }
    }
}
