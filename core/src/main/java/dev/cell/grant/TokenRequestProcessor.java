package dev.cell.grant;

import dev.cell.client.BasicCredentials;
import dev.cell.client.Client;
import dev.cell.client.ClientAuthentication;
import dev.cell.dpop.DPoPProof;
import dev.cell.dpop.DPoPVerifier;
import dev.cell.error.OAuthError;
import dev.cell.error.OAuthException;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * The token endpoint's steps (RFC 6749 §3.2): authenticate the client, pick the grant handler, check the client may use it,
 * let the grant decide what to issue and the one {@link TokenIssuer} issue it.
 */
public final class TokenRequestProcessor {
    private final ClientAuthentication authentication;
    private final GrantRegistry grants;
    private final TokenIssuer issuer;
    private final DPoPVerifier dpop;
    private final URI endpoint;

    /**
     * @param dpop the DPoP proof verifier, or null when DPoP is switched off (a {@code DPoP} header is then ignored, RFC 9449 §5)
     * @param endpoint the token endpoint's URL, which a proof's {@code htu} names
     */
    public TokenRequestProcessor(ClientAuthentication authentication, GrantRegistry grants, TokenIssuer issuer, DPoPVerifier dpop,
            URI endpoint) {
        this.authentication = authentication;
        this.grants = grants;
        this.issuer = issuer;
        this.dpop = dpop;
        this.endpoint = endpoint;
    }

    /** The handled response and the authenticated client, for metrics and logs. */
    public record Result(Client client, String grantType, TokenResponse response) {}

    /** @param dpopProofs the values of the request's {@code DPoP} header fields */
    public Result process(BasicCredentials basic, Map<String, String> parameters, String clientIp, List<String> dpopProofs) {
        String grantType = parameters.get("grant_type");
        if (grantType == null || grantType.isEmpty()) {
            throw OAuthException.invalidRequest("grant_type is missing");
        }
        Client client = authentication.authenticate(basic, parameters);
        GrantHandler handler = grants.get(grantType).orElseThrow(() -> new OAuthException(
                OAuthError.UNSUPPORTED_GRANT_TYPE, "grant_type '" + grantType + "' is not supported"));
        if (!client.allowsGrant(grantType)) {
            throw new OAuthException(OAuthError.UNAUTHORIZED_CLIENT, "the client is not allowed the " + grantType + " grant");
        }
        List<String> resources = Resources.allowed(client, parameters.get(Resources.PARAMETER));
        DPoPProof proof = dpop == null ? null : dpop.verifyTokenRequest(endpoint, client.clientId(), dpopProofs);
        if (proof == null && client.dpopBoundAccessTokens()) {
            throw new OAuthException(OAuthError.INVALID_DPOP_PROOF, dpop == null
                    ? "the client is registered for DPoP-bound access tokens, but DPoP is switched off on this server"
                    : "the client is registered for DPoP-bound access tokens (dpop_bound_access_tokens): send a DPoP proof (RFC 9449 section 5.2)");
        }
        TokenRequest request = TokenRequest.of(client, handler, parameters, clientIp, resources, proof);
        return new Result(client, grantType, issuer.issue(request, handler.handle(request)));
    }
}
