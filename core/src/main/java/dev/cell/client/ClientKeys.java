package dev.cell.client;

import com.nimbusds.jwt.SignedJWT;
import dev.cell.assertion.AssertionKeys;
import dev.cell.error.OAuthException;
import java.util.function.Function;

/**
 * Verifies a JWT a client signed (a client assertion, a request object) with the client's keys: its {@code jwks}, or its
 * {@code jwks_uri} fetched as its origin allows: any address for a registered client, public addresses only for one read from
 * a client ID metadata document (draft-ietf-oauth-client-id-metadata-document §8.6).
 */
public final class ClientKeys {
    private final AssertionKeys registered;
    private final AssertionKeys documents;

    /**
     * @param registered the keys of registered clients
     * @param documents the keys of clients read from metadata documents, fetched from public addresses only
     */
    public ClientKeys(AssertionKeys registered, AssertionKeys documents) {
        this.registered = registered;
        this.documents = documents;
    }

    /** True if one of the client's keys that fits the header verifies the signature; {@code failure} makes the error for keys that cannot be had. */
    public boolean verify(SignedJWT jwt, Client client, Function<String, OAuthException> failure) {
        return (client.metadataDocument() ? documents : registered).verify(jwt, client.jwks(), client.jwksUri(), failure);
    }
}
