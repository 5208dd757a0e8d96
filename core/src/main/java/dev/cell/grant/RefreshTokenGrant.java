package dev.cell.grant;

import dev.cell.account.User;
import dev.cell.client.Client;
import dev.cell.error.OAuthError;
import dev.cell.error.OAuthException;
import dev.cell.session.Sid;
import dev.cell.store.UserStore;
import dev.cell.token.GrantRevoker;
import dev.cell.token.LegacyClaims;
import dev.cell.token.RefreshTokenService;
import dev.cell.token.StoredToken;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * The refresh token grant (RFC 6749 §6; OIDC Core §12): the token is rotated, the new access token may have a narrower
 * scope, the new refresh token keeps the original scope less any the client no longer has, and an ID token is issued again
 * for OpenID grants.
 */
public final class RefreshTokenGrant implements GrantHandler {
    public static final String GRANT_TYPE = "refresh_token";
    private static final Set<String> PARAMETERS = Set.of("refresh_token", "scope");

    private final RefreshTokenService refreshTokens;
    private final GrantRevoker revoker;
    private final UserStore users;

    public RefreshTokenGrant(RefreshTokenService refreshTokens, GrantRevoker revoker, UserStore users) {
        this.refreshTokens = refreshTokens;
        this.revoker = revoker;
        this.users = users;
    }

    @Override
    public String grantType() {
        return GRANT_TYPE;
    }

    @Override
    public Set<String> parameters() {
        return PARAMETERS;
    }

    /** A user who is gone or disabled ends the grant: every token of it is revoked. */
    @Override
    public Issuance handle(TokenRequest request) {
        Client client = request.client();
        String presented = request.parameter("refresh_token");
        if (presented == null || presented.isEmpty()) {
            throw OAuthException.invalidRequest("refresh_token is missing");
        }
        Set<String> requested = Scopes.parse(request.parameter("scope"));
        RefreshTokenService.Rotated rotated = refreshTokens.rotate(presented, client, requested, request.resources(),
                request.dpop() == null ? null : request.dpop().jkt());
        StoredToken previous = rotated.previous();
        User user = users.findById(previous.userId()).filter(u -> !u.disabled()).orElse(null);
        if (user == null) {
            revoker.revoke(previous.grantId());
            throw new OAuthException(OAuthError.INVALID_GRANT, "the user is no longer active");
        }
        Set<String> granted = requested.isEmpty() ? rotated.scopes() : requested;
        return Issuance.accessToken(user.id(), granted, previous.grantId(), LegacyClaims.add(previous.claims(), client, user))
                .withResources(rotated.resources(), Resources.narrow(request.resources(), rotated.resources()))
                .withRefresh(new Issuance.Refresh.Rotated(rotated.newToken()))
                .withIdToken(new Issuance.IdToken(null, authTime(previous), Sid.with(Map.of(), Sid.in(previous.claims()))));
    }

    /** The original {@code auth_time} (OIDC Core §12.2), kept with the refresh token as epoch seconds. */
    private static Instant authTime(StoredToken token) {
        return token.claims().get("auth_time") instanceof Number n ? Instant.ofEpochSecond(n.longValue()) : null;
    }
}
