package dev.cell.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cell.error.OAuthError;
import dev.cell.error.OAuthException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a client ID metadata document (draft-ietf-oauth-client-id-metadata-document §4): RFC 7591 metadata whose
 * {@code client_id} equals the URL it was fetched from, with no shared secret (§4.1), checked by the one
 * {@link ClientMetadataValidator}. Nobody vouches for such a client, so it gets what an open registration gets: the
 * authorization code grant (with refresh tokens), PKCE, the operator's scopes and resources, never first-party.
 */
public final class ClientIdMetadataDocument {
    /** The grants a client nobody registered may use: a person always consents. */
    private static final Set<String> GRANTS = Set.of("authorization_code", "refresh_token");

    private ClientIdMetadataDocument() {}

    /**
     * @param clientId the Client Identifier URL the document was fetched from
     * @param scopes the scopes such clients may have: the document's are narrowed to these, and are these when it names none
     * @param resources the resources (RFC 8707) such clients may ask for: their audiences
     * @throws OAuthException {@code invalid_client_metadata} or {@code invalid_redirect_uri} naming what is wrong
     */
    public static ClientMetadata read(String clientId, byte[] body, ClientMetadataValidator validator, Set<String> scopes,
            List<String> resources) {
        ObjectNode json = ClientMetadataJson.parse(new String(body, StandardCharsets.UTF_8));
        if (!json.path("client_id").isTextual() || !json.get("client_id").textValue().equals(clientId)) {
            throw invalid("client_id: the document's client_id must be exactly the URL it is served at (section 4)");
        }
        for (String secret : List.of("client_secret", "client_secret_expires_at")) {
            if (json.has(secret)) {
                throw invalid(secret + ": a client ID metadata document must not carry a shared secret (section 4.1)");
            }
        }
        ClientMetadata m = ClientMetadataJson.read(json, ClientMetadata.builder().tokenEndpointAuthMethod(ClientAuthMethod.NONE),
                ClientMetadataJson.STANDARD_MEMBERS, ClientMetadataJson.UnknownMembers.IGNORE).build();
        ClientAuthMethod method = m.tokenEndpointAuthMethod();
        if (method != ClientAuthMethod.NONE && method != ClientAuthMethod.PRIVATE_KEY_JWT) {
            throw invalid("token_endpoint_auth_method: " + method.value() + " needs a shared secret, which a client ID metadata document "
                    + "cannot establish; use none or private_key_jwt (section 4.1)");
        }
        if (!GRANTS.containsAll(m.grantTypes())) {
            throw invalid("grant_types: a client known only by its metadata document may use authorization_code and refresh_token only");
        }
        Set<String> granted = new LinkedHashSet<>(m.scopes().isEmpty() ? scopes : m.scopes());
        granted.retainAll(scopes);
        return validator.validate(m.toBuilder().scopes(granted).audiences(resources).build());
    }

    private static OAuthException invalid(String description) {
        return new OAuthException(OAuthError.INVALID_CLIENT_METADATA, description);
    }
}
