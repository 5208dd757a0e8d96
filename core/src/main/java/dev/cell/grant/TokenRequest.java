package dev.cell.grant;

import dev.cell.client.Client;
import dev.cell.dpop.DPoPProof;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A token request as a grant sees it (RFC 6749 §3.2): the authenticated client, only the parameters the grant declares,
 * the client's address, the resources it asks for (RFC 8707 §2) and its verified DPoP proof (RFC 9449 §5).
 *
 * @param clientAddress the address the request came from, for rate limits
 * @param resources the {@code resource} values, absolute URIs without fragment; empty when none was sent
 * @param dpop the verified DPoP proof, or null when the request carried none
 */
public record TokenRequest(Client client, String grantType, Map<String, String> parameters, String clientAddress, List<String> resources,
        DPoPProof dpop) {
    public TokenRequest {
        parameters = Map.copyOf(parameters);
        resources = List.copyOf(resources);
    }

    /** The request for {@code handler}: parameters it does not declare are dropped, as RFC 6749 §3.2 has unknown ones ignored. */
    public static TokenRequest of(Client client, GrantHandler handler, Map<String, String> all, String clientAddress, List<String> resources,
            DPoPProof dpop) {
        Set<String> declared = handler.parameters();
        Map<String, String> kept = new HashMap<>();
        all.forEach((name, value) -> {
            if (declared.contains(name)) {
                kept.put(name, value);
            }
        });
        return new TokenRequest(client, handler.grantType(), kept, clientAddress, resources, dpop);
    }

    /** The value of a parameter the grant declares, or null when the request left it out. */
    public String parameter(String name) {
        return parameters.get(name);
    }
}
