package dev.cell.resource;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * This resource's metadata (RFC 9728 §2): its identifier, the authorization server that issues its tokens, the scopes it
 * understands (when configured), how tokens are sent, and the DPoP proof algorithms it accepts; served at the well-known URL RFC 9728 §3.1 derives from the
 * identifier, which challenges name in {@code resource_metadata} (§5.1).
 */
final class ProtectedResourceMetadata {
    private static final String WELL_KNOWN = "/.well-known/oauth-protected-resource";

    private final String json;
    private final URI url;

    ProtectedResourceMetadata(String resource, URI issuer, List<String> scopes, Set<JWSAlgorithm> dpopAlgorithms) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("resource", resource);
        m.put("authorization_servers", List.of(issuer.toString()));
        if (!scopes.isEmpty()) {
            m.put("scopes_supported", scopes);
        }
        m.put("bearer_methods_supported", List.of("header"));
        m.put("dpop_signing_alg_values_supported", dpopAlgorithms.stream().map(JWSAlgorithm::getName).sorted().toList());
        this.json = JSONObjectUtils.toJSONString(m);
        this.url = url(resource);
    }

    String json() {
        return json;
    }

    URI url() {
        return url;
    }

    /** {@code https://host/.well-known/oauth-protected-resource} followed by the resource's path, if any (RFC 9728 §3.1). */
    static URI url(String resource) {
        URI r = URI.create(resource);
        if (r.getScheme() == null || r.getRawAuthority() == null) {
            return null;
        }
        String path = r.getRawPath() == null || r.getRawPath().equals("/") ? "" : r.getRawPath();
        return URI.create(r.getScheme() + "://" + r.getRawAuthority() + WELL_KNOWN + path);
    }
}
