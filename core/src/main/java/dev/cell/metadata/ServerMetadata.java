package dev.cell.metadata;

import dev.cell.authorize.RequestObjects;
import dev.cell.authorize.ResponseMode;
import dev.cell.config.CellConfig;
import dev.cell.oidc.Acr;
import dev.cell.oidc.UserInfoClaims;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The discovery document (RFC 8414 §2; OIDC Discovery 1.0 §3), built from the same switches that enable
 * features, so it never advertises what is off; an optional feature adds its own members (the server's {@code Feature#metadata}).
 */
public final class ServerMetadata {
    private static final List<String> ID_TOKEN_CLAIMS = List.of("iss", "sub", "aud", "exp", "iat", "auth_time", "nonce", "azp", "at_hash", "acr", "amr");

    /** The languages of the login, consent, logout and error pages (BCP 47), offered to {@code ui_locales}; the server has a bundle for each. */
    public static final List<String> UI_LOCALES = List.of("en", "zh-CN");

    private ServerMetadata() {}

    /**
     * @param grantTypes the enabled grant types
     * @param authMethods the accepted client authentication methods
     * @param authSigningAlgs the JWS algorithms accepted in client assertions (OIDC Core §9)
     */
    public static Map<String, Object> build(CellConfig config, Set<String> grantTypes, List<String> authMethods, List<String> authSigningAlgs) {
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
        if (code) {
            boolean requestObject = config.features().requestObject();
            m.put("request_parameter_supported", requestObject);
            m.put("request_uri_parameter_supported", false);
            if (requestObject) {
                m.put("request_object_signing_alg_values_supported", RequestObjects.signingAlgs());
                m.put("require_signed_request_object", config.authorization().requireSigned());
            }
        }
        if (config.features().introspection()) {
            m.put("introspection_endpoint", config.endpoint("/oauth/introspect"));
        }
        if (config.features().revocation()) {
            m.put("revocation_endpoint", config.endpoint("/oauth/revoke"));
        }
        if (config.dpop().enabled()) {
            m.put("dpop_signing_alg_values_supported", config.dpop().algorithms());
        }
        boolean implicit = config.features().implicit();
        List<String> grants = new ArrayList<>(grantTypes);
        if (implicit) {
            grants.add("implicit");
        }
        m.put("grant_types_supported", grants);
        List<String> responseTypes = new ArrayList<>();
        if (code) {
            responseTypes.add("code");
        }
        if (implicit) {
            responseTypes.addAll(List.of("token", "id_token", "id_token token"));
        }
        m.put("response_types_supported", responseTypes);
        if (code) {
            m.put("response_modes_supported", ResponseMode.NAMES);
            m.put("code_challenge_methods_supported", config.features().pkcePlain() ? List.of("S256", "plain") : List.of("S256"));
            m.put("authorization_response_iss_parameter_supported", true);
            m.put("prompt_values_supported", List.of("none", "login", "consent", "select_account"));
            m.put("ui_locales_supported", UI_LOCALES);
            m.put("claims_supported", Stream.concat(ID_TOKEN_CLAIMS.stream(), UserInfoClaims.SUPPORTED.stream()).distinct().toList());
            m.put("claims_parameter_supported", true);
            m.put("acr_values_supported", Acr.SUPPORTED);
        }
        for (String endpoint : List.of("token", "introspection", "revocation")) {
            if (m.containsKey(endpoint + "_endpoint")) {
                m.put(endpoint + "_endpoint_auth_methods_supported", endpoint.equals("introspection")
                        ? authMethods.stream().filter(a -> !a.equals("none")).toList()
                        : authMethods);
                if (!authSigningAlgs.isEmpty()) {
                    m.put(endpoint + "_endpoint_auth_signing_alg_values_supported", authSigningAlgs);
                }
            }
        }
        m.put("subject_types_supported", List.of("public"));
        m.put("id_token_signing_alg_values_supported", List.of(config.tokens().idTokenSigningAlg()));
        return m;
    }
}
