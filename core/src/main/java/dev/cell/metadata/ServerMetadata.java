package dev.cell.metadata;

import dev.cell.config.CellConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The discovery document (RFC 8414 §2; OIDC Discovery 1.0 §3), built from the same switches that enable
 * features, so it never advertises what is off.
 */
public final class ServerMetadata {
    private ServerMetadata() {}

    /**
     * @param grantTypes the enabled grant types
     * @param authMethods the accepted token endpoint authentication methods
     */
    public static Map<String, Object> build(CellConfig config, Set<String> grantTypes, List<String> authMethods) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("issuer", config.issuer().toString());
        m.put("token_endpoint", config.endpoint("/oauth/token"));
        m.put("jwks_uri", config.endpoint("/oauth/jwks"));
        m.put("grant_types_supported", List.copyOf(grantTypes));
        m.put("response_types_supported", List.of());
        m.put("token_endpoint_auth_methods_supported", authMethods);
        m.put("subject_types_supported", List.of("public"));
        m.put("id_token_signing_alg_values_supported", List.of(config.tokens().idTokenSigningAlg()));
        return m;
    }
}
