package dev.cell.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cell.config.CellConfig;
import dev.cell.config.ConfigLoader;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ServerMetadataTest {
    private static Map<String, Object> build(Map<String, String> overrides) {
        CellConfig config = new ConfigLoader().load(null, Map.of(), overrides);
        return ServerMetadata.build(config, Set.of("authorization_code", "refresh_token"), List.of("client_secret_basic", "none"), List.of());
    }

    @Test
    @SuppressWarnings("unchecked")
    void theAuthorizationCodeFlowIsAdvertisedWhenOn() {
        Map<String, Object> m = build(Map.of("issuer", "https://auth.example.com"));
        assertThat(m).containsEntry("authorization_endpoint", "https://auth.example.com/oauth/authorize")
                .containsEntry("userinfo_endpoint", "https://auth.example.com/userinfo")
                .containsEntry("end_session_endpoint", "https://auth.example.com/oauth/logout")
                .containsEntry("response_types_supported", List.of("code"))
                .containsEntry("response_modes_supported", List.of("query", "fragment", "form_post"))
                .containsEntry("code_challenge_methods_supported", List.of("S256"))
                .containsEntry("authorization_response_iss_parameter_supported", true)
                .containsEntry("prompt_values_supported", List.of("none", "login", "consent", "select_account"))
                .containsEntry("ui_locales_supported", List.of("en", "zh-CN"))
                .containsEntry("scopes_supported", List.of("openid", "profile", "email", "phone", "address", "offline_access"))
                .containsEntry("token_endpoint_auth_methods_supported", List.of("client_secret_basic", "none"))
                .containsEntry("id_token_signing_alg_values_supported", List.of("RS256"));
        assertThat((List<Object>) m.get("claims_supported")).contains("sub", "auth_time", "nonce", "email", "address").doesNotHaveDuplicates();
    }

    @Test
    @SuppressWarnings("unchecked")
    void theClaimsParameterAcrValuesAndEveryStandardClaimAreAdvertised() {
        Map<String, Object> m = build(Map.of());
        assertThat(m).containsEntry("claims_parameter_supported", true).containsEntry("acr_values_supported", List.of("urn:cell:acr:pwd"));
        assertThat((List<Object>) m.get("claims_supported")).contains("acr", "amr", "updated_at", "phone_number_verified")
                .containsAll(dev.cell.account.StandardClaims.NAMES);
    }

    @Test
    void plainPkceIsAdvertisedOnlyWhenSwitchedOn() {
        assertThat(build(Map.of("features.pkce-plain.enabled", "true"))).containsEntry("code_challenge_methods_supported", List.of("S256", "plain"));
    }

    @Test
    void nothingOfTheFlowIsAdvertisedWhenOff() {
        Map<String, Object> m = build(Map.of("features.authorization-code.enabled", "false"));
        assertThat(m).containsEntry("response_types_supported", List.of())
                .doesNotContainKeys("authorization_endpoint", "userinfo_endpoint", "end_session_endpoint", "code_challenge_methods_supported",
                        "authorization_response_iss_parameter_supported", "prompt_values_supported", "response_modes_supported",
                        "scopes_supported", "claims_supported", "ui_locales_supported")
                .containsKeys("issuer", "token_endpoint", "jwks_uri");
    }

    @Test
    void everyEndpointThatAuthenticatesClientsListsTheMethodsAndAssertionAlgorithms() {
        CellConfig config = new ConfigLoader().load(null, Map.of(), Map.of("features.revocation.enabled", "false"));
        List<String> methods = List.of("client_secret_basic", "private_key_jwt");
        Map<String, Object> m = ServerMetadata.build(config, Set.of("client_credentials"), methods, List.of("RS256", "ES256"));
        assertThat(m).containsEntry("token_endpoint_auth_methods_supported", methods)
                .containsEntry("token_endpoint_auth_signing_alg_values_supported", List.of("RS256", "ES256"))
                .containsEntry("introspection_endpoint_auth_methods_supported", methods)
                .containsEntry("introspection_endpoint_auth_signing_alg_values_supported", List.of("RS256", "ES256"))
                .doesNotContainKeys("revocation_endpoint_auth_methods_supported", "revocation_endpoint_auth_signing_alg_values_supported");
        assertThat(build(Map.of())).doesNotContainKey("token_endpoint_auth_signing_alg_values_supported");
    }

    @Test
    void introspectionDoesNotAdvertiseNoneSinceItRefusesPublicClients() {
        CellConfig config = new ConfigLoader().load(null, Map.of(), Map.of());
        Map<String, Object> m = ServerMetadata.build(config, Set.of("authorization_code"), List.of("client_secret_basic", "none"), List.of());
        assertThat(m).containsEntry("introspection_endpoint_auth_methods_supported", List.of("client_secret_basic"))
                .containsEntry("revocation_endpoint_auth_methods_supported", List.of("client_secret_basic", "none"));
    }
}
