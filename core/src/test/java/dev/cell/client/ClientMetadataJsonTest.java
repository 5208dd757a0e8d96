package dev.cell.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cell.client.ClientMetadataJson.UnknownMembers;
import dev.cell.error.OAuthError;
import dev.cell.error.OAuthException;
import dev.cell.token.AccessTokenFormat;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClientMetadataJsonTest {
    private static final String JWKS = "{\"keys\":[{\"kty\":\"EC\",\"crv\":\"P-256\",\"kid\":\"k1\","
            + "\"x\":\"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU\",\"y\":\"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0\"}]}";

    private static ClientMetadata everything() {
        return ClientMetadata.builder().redirectUris(List.of("com.example.app:/cb", "http://127.0.0.1/cb"))
                .tokenEndpointAuthMethod(ClientAuthMethod.PRIVATE_KEY_JWT).grantTypes(Set.of("authorization_code", "implicit"))
                .responseTypes(Set.of("code", "id_token token")).clientName("Every member").clientUri("https://app.example")
                .logoUri("https://app.example/logo.png").scopes(Set.of("openid", "notes.read")).contacts(List.of("ops@app.example"))
                .tosUri("https://app.example/tos").policyUri("https://app.example/privacy").jwks(JWKS).softwareId("sw-1")
                .softwareVersion("2.0").postLogoutRedirectUris(List.of("com.example.app:/bye")).applicationType(ApplicationType.NATIVE)
                .audiences(List.of("https://api.example")).accessTokenFormat(AccessTokenFormat.OPAQUE)
                .accessTokenLifetime(Duration.ofMinutes(5)).refreshTokenLifetime(Duration.ofDays(7)).idTokenLifetime(Duration.ofMinutes(2))
                .pkceRequired(false).firstParty(true).legacyTokenClaims(true).authorities(Set.of("ROLE_CLIENT"))
                .tokenExchangeSubjects(Set.of("portal", "https://idp.example.com")).requirePushedAuthorizationRequests(true).requireSignedRequestObject(true)
                .backchannelLogoutUri("https://app.example/backchannel").backchannelLogoutSessionRequired(true).build();
    }

    private static ClientMetadata read(String json, Set<String> accepted, UnknownMembers unknown) {
        return ClientMetadataJson.read(ClientMetadataJson.parse(json), ClientMetadata.builder(), accepted, unknown).build();
    }

    @Test
    void everyMemberSurvivesARoundTrip() {
        ClientMetadata m = everything();
        ObjectNode json = ClientMetadataJson.write(m);
        assertThat(json.properties()).as("all but jwks_uri, as jwks is given").hasSize(ClientMetadataJson.ALL_MEMBERS.size() - 1);
        assertThat(json.get("scope").asText()).isEqualTo("notes.read openid");
        assertThat(json.get("jwks").get("keys").get(0).get("kid").asText()).isEqualTo("k1");
        assertThat(json.get("access_token_lifetime").asLong()).isEqualTo(300);
        ClientMetadata back = read(json.toString(), ClientMetadataJson.ALL_MEMBERS, UnknownMembers.REFUSE);
        assertThat(back.toBuilder().jwks(null).build()).isEqualTo(m.toBuilder().jwks(null).build());
        assertThat(ClientMetadataJson.parse(back.jwks())).isEqualTo(ClientMetadataJson.parse(JWKS));
    }

    @Test
    void standardMembersAloneLeaveCellSettingsOut() {
        ObjectNode json = ClientMetadataJson.write(everything(), ClientMetadataJson.STANDARD_MEMBERS);
        assertThat(json.has("first_party")).isFalse();
        assertThat(json.has("token_exchange_subjects")).as("only an administrator says whose tokens a client may exchange").isFalse();
        assertThat(json.has("client_name")).isTrue();
    }

    @Test
    void unknownMembersAreIgnoredOrRefusedAsTheCallerAsks() {
        String json = "{\"client_name\":\"A\",\"grant_types\":[\"client_credentials\"],\"first_party\":true,\"x-extra\":1}";
        ClientMetadata ignored = read(json, ClientMetadataJson.STANDARD_MEMBERS, UnknownMembers.IGNORE);
        assertThat(ignored.firstParty()).as("a Cell setting is not a registration member").isFalse();
        assertThat(ignored.clientName()).isEqualTo("A");
        assertThatThrownBy(() -> read(json, ClientMetadataJson.ALL_MEMBERS, UnknownMembers.REFUSE))
                .isInstanceOfSatisfying(OAuthException.class, e -> {
                    assertThat(e.error()).isEqualTo(OAuthError.INVALID_CLIENT_METADATA);
                    assertThat(e.description()).contains("x-extra");
                });
    }

    @Test
    void nullResetsAMemberAsAMergePatchDoes() {
        ClientMetadata.Builder b = everything().toBuilder();
        ClientMetadataJson.read(ClientMetadataJson.parse("{\"client_uri\":null,\"first_party\":null,\"contacts\":null,"
                + "\"access_token_lifetime\":null,\"token_endpoint_auth_method\":null}"), b, ClientMetadataJson.ALL_MEMBERS,
                UnknownMembers.REFUSE);
        ClientMetadata m = b.build();
        assertThat(m.clientUri()).isNull();
        assertThat(m.firstParty()).isFalse();
        assertThat(m.contacts()).isEmpty();
        assertThat(m.accessTokenLifetime()).isNull();
        assertThat(m.tokenEndpointAuthMethod()).isEqualTo(ClientAuthMethod.CLIENT_SECRET_BASIC);
        assertThat(m.clientName()).as("absent members stay").isEqualTo("Every member");
    }

    @Test
    void changedGrantTypesBringTheirResponseTypesUnlessGiven() {
        ClientMetadata.Builder b = everything().toBuilder();
        ClientMetadataJson.read(ClientMetadataJson.parse("{\"grant_types\":[\"authorization_code\"]}"), b,
                ClientMetadataJson.ALL_MEMBERS, UnknownMembers.REFUSE);
        assertThat(b.build().responseTypes()).containsExactly("code");
        ClientMetadataJson.read(ClientMetadataJson.parse("{\"response_types\":[\"token\"],\"grant_types\":[\"implicit\"]}"), b,
                ClientMetadataJson.ALL_MEMBERS, UnknownMembers.REFUSE);
        assertThat(b.build().responseTypes()).containsExactly("token");
    }

    @Test
    void wrongTypesAndMalformedJsonAreInvalidClientMetadata() {
        for (String bad : List.of("{\"redirect_uris\":\"https://a.example/cb\"}", "{\"redirect_uris\":[1]}", "{\"client_name\":5}",
                "{\"first_party\":\"yes\"}", "{\"access_token_lifetime\":1.5}", "{\"access_token_lifetime\":-1}",
                "{\"access_token_lifetime\":99999999999999999999}", "{\"jwks\":\"keys\"}", "{\"token_endpoint_auth_method\":\"magic\"}",
                "{\"application_type\":\"desktop\"}", "{\"access_token_format\":\"paseto\"}", "{\"scope\":[\"openid\"]}",
                "{\"client_name\":\"a\",\"client_name\":\"b\"}", "[]", "{", "{} {}", "\"text\"")) {
            assertThatThrownBy(() -> read(bad, ClientMetadataJson.ALL_MEMBERS, UnknownMembers.REFUSE)).as(bad)
                    .isInstanceOfSatisfying(OAuthException.class, e -> assertThat(e.error()).isEqualTo(OAuthError.INVALID_CLIENT_METADATA));
        }
    }
}
