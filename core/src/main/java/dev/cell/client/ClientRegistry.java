package dev.cell.client;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.cell.store.ClientStore;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Client lookup with a bounded cache that stays correct across nodes: each lookup reads only the client's version (a
 * primary-key lookup) and reloads the full record when another node changed it. A client id that is not registered but is a
 * Client Identifier URL resolves through its metadata document when the server accepts those
 * (draft-ietf-oauth-client-id-metadata-document §7.1: a registered client of the same id comes first).
 */
public final class ClientRegistry {
    private final ClientStore store;
    private final ClientIdMetadataDocuments documents;
    private final Cache<String, Client> cache = Caffeine.newBuilder().maximumSize(10_000).build();

    public ClientRegistry(ClientStore store) {
        this(store, null);
    }

    /** @param documents resolves Client Identifier URLs, or null when the server accepts none */
    public ClientRegistry(ClientStore store, ClientIdMetadataDocuments documents) {
        this.store = store;
        this.documents = documents;
    }

    /** The client, or empty when none is registered and no usable metadata document is at its id. */
    public Optional<Client> find(String clientId) {
        Optional<Client> registered = registered(clientId);
        if (registered.isPresent() || documents == null || !documents.handles(clientId)) {
            return registered;
        }
        return documents.find(clientId);
    }

    /**
     * As {@link #find}, but a Client Identifier URL whose metadata document cannot be used is an error saying why.
     *
     * @throws dev.cell.error.OAuthException {@code invalid_client} naming what is wrong with the document
     */
    public Optional<Client> resolve(String clientId) {
        Optional<Client> registered = registered(clientId);
        if (registered.isPresent() || documents == null || !documents.handles(clientId)) {
            return registered;
        }
        return Optional.of(documents.resolve(clientId));
    }

    private Optional<Client> registered(String clientId) {
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
