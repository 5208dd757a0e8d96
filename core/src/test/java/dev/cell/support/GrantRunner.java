package dev.cell.support;

import dev.cell.client.Client;
import dev.cell.dpop.DPoPProof;
import dev.cell.grant.GrantHandler;
import dev.cell.grant.TokenIssuer;
import dev.cell.grant.TokenRequest;
import dev.cell.grant.TokenResponse;
import java.util.List;
import java.util.Map;

/** One grant run as the token endpoint runs it: the handler decides, the shared issuer issues. */
public record GrantRunner(GrantHandler handler, TokenIssuer issuer) {
    public TokenResponse handle(Client client, Map<String, String> parameters, String clientAddress) {
        return handle(client, parameters, clientAddress, List.of());
    }

    public TokenResponse handle(Client client, Map<String, String> parameters, String clientAddress, List<String> resources) {
        return handle(client, parameters, clientAddress, resources, null);
    }

    public TokenResponse handle(Client client, Map<String, String> parameters, String clientAddress, List<String> resources, DPoPProof dpop) {
        TokenRequest request = TokenRequest.of(client, handler, parameters, clientAddress, resources, dpop);
        return issuer.issue(request, handler.handle(request));
    }
}
