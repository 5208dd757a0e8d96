package dev.cell.client;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.cell.store.ClientStore;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Client lookup with a bounded cache that stays correct across nodes: each lookup reads only the client's
 * version (a primary-key lookup) and reloads the full record when another node changed it.
 */
public final class ClientRegistry {
    private final ClientStore store;
    private final Cache<String, Client> cache = Caffeine.newBuilder().maximumSize(10_000).build();

    public ClientRegistry(ClientStore store) {
        this.store = store;
    }

    public Optional<Client> find(String clientId) {
        OptionalLong version = store.version(clientId);
        if (version.isEmpty()) {
            cache.invalidate(clientId);
            return Optional.empty();
        }
        Client cached = cache.getIfPresent(clientId);
        if (cached != null && cached.version() == version.getAsLong()) {
            return Optional.of(cached);
        }
        Optional<Client> loaded = store.find(clientId);
        loaded.ifPresentOrElse(c -> cache.put(clientId, c), () -> cache.invalidate(clientId));
        return loaded;
    }
}
