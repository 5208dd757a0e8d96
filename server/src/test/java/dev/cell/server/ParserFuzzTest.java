package dev.cell.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.cell.authorize.AuthorizationRedirectException;
import dev.cell.authorize.AuthorizationRequest;
import dev.cell.authorize.AuthorizationRequestValidator;
import dev.cell.authorize.ParameterLimits;
import dev.cell.authorize.RedirectUriMatcher;
import dev.cell.client.BasicCredentials;
import dev.cell.client.Client;
import dev.cell.client.ClientAssertion;
import dev.cell.client.ClientAuthMethod;
import dev.cell.client.ClientMetadata;
import dev.cell.client.ClientMetadataJson;
import dev.cell.client.ClientMetadataValidator;
import dev.cell.client.ClientRegistry;
import dev.cell.error.OAuthException;
import dev.cell.grant.ServerGrants;
import dev.cell.server.http.FormParser;
import dev.cell.store.ClientStore;
import dev.cell.token.AccessTokenFormat;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Jazzer fuzz targets for the parsers that read attacker-controlled input in-process (RFC 9700 §4 assumes a hostile
 * network): whatever the bytes, each either parses or refuses with an {@link OAuthException} (or, after the redirect URI
 * is proven, an {@link AuthorizationRedirectException}); any other exception fails. Regression mode runs the seeds in
 * {@code src/test/resources/dev/cell/server/ParserFuzzTestInputs}; {@code JAZZER_FUZZ=1} fuzzes (docs/security.md).
 */
class ParserFuzzTest {
    static final Map<String, Client> CLIENTS = Map.of(
            "web", client("web", ClientAuthMethod.CLIENT_SECRET_BASIC, Set.of("authorization_code", "refresh_token"),
                    List.of("https://app.example/callback", "http://127.0.0.1/cb")),
            "spa", client("spa", ClientAuthMethod.NONE, Set.of("authorization_code"), List.of("https://spa.example/cb")),
            "old", client("old", ClientAuthMethod.NONE, Set.of("implicit"), List.of("https://old.example/cb")));
    static final AuthorizationRequestValidator VALIDATOR = new AuthorizationRequestValidator(new ClientRegistry(new FixedClients(CLIENTS)),
            false, true, new ParameterLimits(2048, 512));

    private static Client client(String id, ClientAuthMethod method, Set<String> grants, List<String> redirects) {
        Instant t = Instant.EPOCH;
        return Client.builder().clientId(id).metadata(ClientMetadata.builder().clientName(id).tokenEndpointAuthMethod(method)
                .grantTypes(grants).redirectUris(redirects)
                .scopes(Set.of("openid", "profile", "email", "read", "offline_access")).build()).createdAt(t).updatedAt(t)
                .version(1).build();
    }

    private static String text(byte[] data) {
        return new String(data, StandardCharsets.ISO_8859_1);
    }

    @FuzzTest(maxDuration = "5m")
    void authorizationRequest(byte[] data) {
        Map<String, String> params;
        try {
            params = FormParser.parse(text(data));
        } catch (OAuthException e) {
            return;
        }
        AuthorizationRequest request;
        try {
            request = VALIDATOR.validate(params);
        } catch (OAuthException | AuthorizationRedirectException e) {
            return;
        }
        assertThat(RedirectUriMatcher.matches(CLIENTS.get(request.clientId()).redirectUris(), request.redirectUri()))
                .as("only a registered redirect URI").isTrue();
        assertThat(request.isImplicit() || request.codeChallenge() != null).as("PKCE on every code request").isTrue();
        assertThat(AuthorizationRequest.fromParameters(request.toParameters())).isEqualTo(request);
    }

    @FuzzTest(maxDuration = "5m")
    void formBody(byte[] data) {
        try {
            Map<String, String> params = FormParser.parse(data);
            assertThat(params.size()).isLessThanOrEqualTo(64);
            assertThat(params).allSatisfy((k, v) -> assertThat(k.isEmpty() || v.isEmpty()).isFalse());
        } catch (OAuthException e) {
            assertThat(e.status()).isEqualTo(400);
        }
    }

    @FuzzTest(maxDuration = "5m")
    void basicHeader(byte[] data) {
        try {
            BasicCredentials c = BasicCredentials.parse(text(data));
            assertThat(c.clientId()).isNotEmpty();
            assertThat(c.toString()).contains("secret=***");
        } catch (OAuthException e) {
            assertThat(e.error().code()).isEqualTo("invalid_client");
        }
    }

    @FuzzTest(maxDuration = "5m")
    void clientAssertion(byte[] data) {
        try {
            ClientAssertion a = ClientAssertion.parse(text(data));
            assertThat(a.method()).isIn(ClientAuthMethod.CLIENT_SECRET_JWT, ClientAuthMethod.PRIVATE_KEY_JWT);
            a.claims().getSubject();
        } catch (OAuthException e) {
            assertThat(e.error().code()).isEqualTo("invalid_client");
        }
    }

    /** Client metadata (RFC 7591 §2) as the admin API and registration read it: accepted whole, or refused with an RFC 7591 code. */
    @FuzzTest(maxDuration = "5m")
    void clientMetadata(byte[] data) {
        ClientMetadataValidator validator = new ClientMetadataValidator(new ServerGrants(Set.of("authorization_code", "refresh_token",
                "client_credentials", "implicit")));
        for (ClientMetadataJson.UnknownMembers unknown : ClientMetadataJson.UnknownMembers.values()) {
            try {
                ClientMetadata m = validator.validate(ClientMetadataJson.read(ClientMetadataJson.parse(text(data)), ClientMetadata.builder(),
                        ClientMetadataJson.ALL_MEMBERS, unknown).build());
                assertThat(m.grantTypes()).isNotEmpty();
                assertThat(ClientMetadataJson.read(ClientMetadataJson.write(m), ClientMetadata.builder(), ClientMetadataJson.ALL_MEMBERS,
                        ClientMetadataJson.UnknownMembers.REFUSE).build()).as("a round trip").isEqualTo(m);
            } catch (OAuthException e) {
                assertThat(e.error().code()).isIn("invalid_client_metadata", "invalid_redirect_uri");
            }
        }
    }

    /** A read-only client store holding a few fixed clients. */
    private record FixedClients(Map<String, Client> byId) implements ClientStore {
        @Override
        public Optional<Client> find(String clientId) {
            return Optional.ofNullable(byId.get(clientId));
        }

        @Override
        public OptionalLong version(String clientId) {
            return byId.containsKey(clientId) ? OptionalLong.of(1) : OptionalLong.empty();
        }

        @Override
        public List<Client> list() {
            return List.copyOf(byId.values());
        }

        @Override
        public void create(Client client) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean update(Client client) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean updateIfVersion(Client client, long version) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Client> search(String query, String afterClientId, int limit) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean rotateSecret(String clientId, String secretHash, String secretEncrypted, Instant previousValidUntil, Instant at) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean delete(String clientId) {
            throw new UnsupportedOperationException();
        }
    }
}
