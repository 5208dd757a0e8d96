package dev.cell.grant;

import dev.cell.client.BasicCredentials;
import dev.cell.client.Client;
import dev.cell.client.ClientAuthentication;
import dev.cell.error.OAuthError;
import dev.cell.error.OAuthException;
import java.util.Map;

/**
 * The token endpoint's steps (RFC 6749 §3.2): authenticate the client, pick the grant handler, check the client may use it,
 * let the grant decide what to issue and the one {@link TokenIssuer} issue it.
 */
public final class TokenRequestProcessor {
    private final ClientAuthentication authentication;
    private final GrantRegistry grants;
    private final TokenIssuer issuer;

    public TokenRequestProcessor(ClientAuthentication authentication, GrantRegistry grants, TokenIssuer issuer) {
        this.authentication = authentication;
        this.grants = grants;
        this.issuer = issuer;
    }

    /** The handled response and the authenticated client, for metrics and logs. */
    public record Result(Client client, String grantType, TokenResponse response) {}

    public Result process(BasicCredentials basic, Map<String, String> parameters, String clientIp) {
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
        TokenRequest request = TokenRequest.of(client, handler, parameters, clientIp,
                Resources.allowed(client, parameters.get(Resources.PARAMETER)));
        return new Result(client, grantType, issuer.issue(request, handler.handle(request)));
    }
}
