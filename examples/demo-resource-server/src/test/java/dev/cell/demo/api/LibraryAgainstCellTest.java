package dev.cell.demo.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.cell.client.ClientAuthMethod;
import dev.cell.client.ClientMetadata;
import dev.cell.resource.ResourceServer;
import dev.cell.resource.TokenError;
import dev.cell.resource.TokenException;
import dev.cell.resource.TokenPrincipal;
import dev.cell.server.TestServer;
import dev.cell.server.admin.ClientAdmin;
import dev.cell.token.AccessTokenFormat;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** cell-resource-server against a real Cell: both modes, local JWT validation and RFC 7662 introspection with the API's own credentials. */
class LibraryAgainstCellTest {
    static final String AUDIENCE = "https://notes.demo";
    static TestServer cell;
    static ClientAdmin.Created api;
    static final Map<AccessTokenFormat, ClientAdmin.Created> APPS = new EnumMap<>(AccessTokenFormat.class);

    @BeforeAll
    static void start() {
        cell = TestServer.start();
        api = cell.clients.create("notes-api", ClientMetadata.builder().clientName("Notes API")
                .tokenEndpointAuthMethod(ClientAuthMethod.CLIENT_SECRET_BASIC).grantTypes(Set.of("client_credentials")).build());
        for (AccessTokenFormat format : AccessTokenFormat.values()) {
            String id = "app-" + format.name().toLowerCase(Locale.ROOT);
            APPS.put(format, cell.clients.create(id, ClientMetadata.builder().clientName(id)
                    .tokenEndpointAuthMethod(ClientAuthMethod.CLIENT_SECRET_BASIC).grantTypes(Set.of("client_credentials"))
                    .scopes(Set.of("notes.read")).audiences(List.of(AUDIENCE)).accessTokenFormat(format).build()));
        }
    }

    @AfterAll
    static void stop() {
        cell.close();
    }

    static String token(AccessTokenFormat format) throws Exception {
        ClientAdmin.Created app = APPS.get(format);
        return (String) JSONObjectUtils.parse(cell.post("/oauth/token", "grant_type=client_credentials&scope=notes.read", "Authorization",
                TestServer.basic(app.client().clientId(), app.secret())).body()).get("access_token");
    }

    @Test
    void introspectionWithTheApisOwnCredentialsAcceptsOpaqueAndJwtTokens() throws Exception {
        ResourceServer rs = ResourceServer.forIssuer(cell.config.issuer().toString()).audience(AUDIENCE)
                .introspection("notes-api", api.secret()).build();
        TokenPrincipal opaque = rs.verify(token(AccessTokenFormat.OPAQUE));
        assertThat(opaque.clientId()).isEqualTo("app-opaque");
        assertThat(opaque.scopes()).containsExactly("notes.read");
        assertThat(rs.verify(token(AccessTokenFormat.JWT)).clientId()).isEqualTo("app-jwt");
        assertThatThrownBy(() -> rs.verify("made-up-token")).isInstanceOfSatisfying(TokenException.class,
                e -> assertThat(e.error()).isEqualTo(TokenError.INACTIVE));
    }

    @Test
    void localValidationNeedsNoCredentials() throws Exception {
        ResourceServer rs = ResourceServer.forIssuer(cell.config.issuer().toString()).audience(AUDIENCE).build();
        assertThat(rs.verify(token(AccessTokenFormat.JWT)).subject()).isEqualTo("app-jwt");
    }

    @Test
    void aDpopBoundTokenFromCellPassesOnlyWithAProofOfItsKeyInBothModes() throws Exception {
        com.nimbusds.jose.jwk.ECKey key = new com.nimbusds.jose.jwk.gen.ECKeyGenerator(com.nimbusds.jose.jwk.Curve.P_256).generate();
        com.nimbusds.oauth2.sdk.dpop.DefaultDPoPProofFactory proofs = new com.nimbusds.oauth2.sdk.dpop.DefaultDPoPProofFactory(key,
                com.nimbusds.jose.JWSAlgorithm.ES256);
        java.net.URI url = java.net.URI.create(AUDIENCE + "/notes");
        List<ResourceServer> modes = List.of(ResourceServer.forIssuer(cell.config.issuer().toString()).audience(AUDIENCE).build(),
                ResourceServer.forIssuer(cell.config.issuer().toString()).audience(AUDIENCE).introspection("notes-api", api.secret()).build());
        for (AccessTokenFormat format : AccessTokenFormat.values()) {
            ClientAdmin.Created app = APPS.get(format);
            String token = (String) JSONObjectUtils.parse(cell.post("/oauth/token", "grant_type=client_credentials&scope=notes.read",
                    "Authorization", TestServer.basic(app.client().clientId(), app.secret()), "DPoP",
                    proofs.createDPoPJWT("POST", java.net.URI.create(cell.url("/oauth/token"))).serialize()).body()).get("access_token");
            for (ResourceServer rs : format == AccessTokenFormat.OPAQUE ? modes.subList(1, 2) : modes) {
                String proof = proofs.createDPoPJWT("GET", url, new com.nimbusds.oauth2.sdk.token.DPoPAccessToken(token)).serialize();
                assertThat(rs.authenticate("DPoP " + token, List.of(proof), "GET", url).clientId()).isEqualTo(app.client().clientId());
                assertThatThrownBy(() -> rs.authenticate("Bearer " + token)).isInstanceOfSatisfying(TokenException.class,
                        e -> assertThat(e.error()).isEqualTo(TokenError.WRONG_KEY));
                assertThatThrownBy(() -> rs.authenticate("DPoP " + token, List.of(), "GET", url)).isInstanceOfSatisfying(TokenException.class,
                        e -> assertThat(e.error()).isEqualTo(TokenError.INVALID_DPOP_PROOF));
            }
        }
    }
}
