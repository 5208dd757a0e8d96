package dev.cell.authorize;

import dev.cell.account.User;
import dev.cell.client.Client;
import dev.cell.oidc.Acr;
import dev.cell.oidc.ClaimsRequest;
import dev.cell.oidc.IdTokenClaims;
import dev.cell.oidc.IdTokenIssuer;
import dev.cell.oidc.UserInfoClaims;
import dev.cell.session.GrantRecorder;
import dev.cell.session.Sid;
import dev.cell.token.AccessTokenIssuer;
import dev.cell.token.AccessTokenRequest;
import dev.cell.token.IssuedAccessToken;
import dev.cell.token.LegacyClaims;
import dev.cell.token.RandomValues;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The legacy implicit grant's response (RFC 6749 §4.2.2; OIDC Core §3.2.2.5): an access token and/or an ID token for the
 * fragment, never a refresh token.
 */
public final class ImplicitTokens {
    private final AccessTokenIssuer accessTokens;
    private final IdTokenIssuer idTokens;
    private final RandomValues random;
    private final GrantRecorder recorder;

    /** @param recorder records each grant with its login session, so ending the session ends it */
    public ImplicitTokens(AccessTokenIssuer accessTokens, IdTokenIssuer idTokens, RandomValues random, GrantRecorder recorder) {
        this.accessTokens = accessTokens;
        this.idTokens = idTokens;
        this.random = random;
        this.recorder = recorder;
    }

    /**
     * The fragment parameters, without {@code state} and {@code iss}, which the response adds.
     *
     * @param amr the login session's authentication methods (RFC 8176)
     * @param sessionId the login session's id, the tokens' {@code sid}
     */
    public Map<String, String> issue(AuthorizationRequest request, Client client, User user, Instant authTime, List<String> amr,
            String sessionId) {
        Map<String, String> out = new LinkedHashMap<>();
        String accessToken = null;
        ClaimsRequest requested = request.claimsRequest();
        if (request.responseType().endsWith("token") && !request.responseType().equals("id_token")) {
            Map<String, Object> claims = LegacyClaims.add(UserInfoClaims.withRequested(
                    Sid.with(Map.of("auth_time", authTime.getEpochSecond()), sessionId), requested), client, user);
            String grantId = random.orderedId();
            recorder.record(grantId, user.id(), client.clientId(), sessionId);
            IssuedAccessToken access = accessTokens.issue(new AccessTokenRequest(client, user.id(), request.scopes(), grantId, claims,
                    request.resources()));
            accessToken = access.value();
            out.put("access_token", accessToken);
            out.put("token_type", "Bearer");
            out.put("expires_in", Long.toString(access.expiresIn()));
            out.put("scope", AccessTokenIssuer.scopeString(request.scopes()));
        }
        if (request.responseType().startsWith("id_token")) {
            Map<String, Object> claims = Sid.with(IdTokenClaims.of(user, request.scopes(), requested, accessToken != null,
                    Acr.forRequest(request.acrValues(), requested), amr), sessionId);
            out.put("id_token", idTokens.issue(client, user.id(), request.nonce(), authTime, accessToken, claims));
        }
        return out;
    }
}
