package dev.cell.metadata;

import dev.cell.config.CellConfig;
import dev.cell.oidc.UserInfoClaims;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The discovery document (RFC 8414 §2; OIDC Discovery 1.0 §3), built from the same switches that enable
 * features, so it never advertises what is off.
 */
public final class ServerMetadata {
    private static final List<String> ID_TOKEN_CLAIMS = List.of("iss", "sub", "aud", "exp", "iat", "auth_time", "nonce", "azp", "at_hash");

    private ServerMetadata() {}

    /**
     * @param grantTypes the enabled grant types
     * @param authMethods the accepted token endpoint authentication methods
     */
    public static Map<String, Object> build(CellConfig config, Set<String> grantTypes, List<String> authMethods) {
        boolean code = config.features().authorizationCode();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("issuer", config.issuer().toString());
        if (code) {
            m.put("authorization_endpoint", config.endpoint("/oauth/authorize"));
        }
        m.put("token_endpoint", config.endpoint("/oauth/token"));
        m.put("jwks_uri", config.endpoint("/oauth/jwks"));
        if (code) {
            m.put("userinfo_endpoint", config.endpoint("/userinfo"));
            m.put("end_session_endpoint", config.endpoint("/oauth/logout"));
            m.put("scopes_supported", List.of("openid", "profile", "email", "phone", "address", "offline_access"));
        }
        m.put("grant_types_supported", List.copyOf(grantTypes));
        m.put("response_types_supported", code ? List.of("code") : List.of());
        if (code) {
            m.put("response_modes_supported", List.of("query"));
            m.put("code_challenge_methods_supported", config.features().pkcePlain() ? List.of("S256", "plain") : List.of("S256"));
            m.put("authorization_response_iss_parameter_supported", true);
            m.put("prompt_values_supported", List.of("none", "login", "consent", "select_account"));
            m.put("claims_supported", Stream.concat(ID_TOKEN_CLAIMS.stream(), UserInfoClaims.SUPPORTED.stream()).distinct().toList());
        }
        m.put("token_endpoint_auth_methods_supported", authMethods);
        m.put("subject_types_supported", List.of("public"));
        m.put("id_token_signing_alg_values_supported", List.of(config.tokens().idTokenSigningAlg()));
        return m;
    }
}
