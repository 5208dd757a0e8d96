package dev.cell.grant;

import dev.cell.account.User;
import dev.cell.client.Client;
import dev.cell.device.DeviceAuthorization;
import dev.cell.device.DeviceAuthorizations;
import dev.cell.error.OAuthError;
import dev.cell.error.OAuthException;
import dev.cell.oidc.ClaimsRequest;
import dev.cell.oidc.IdTokenClaims;
import dev.cell.session.Sid;
import dev.cell.store.UserStore;
import dev.cell.token.GrantRevoker;
import dev.cell.token.LegacyClaims;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The device authorization grant at the token endpoint (RFC 8628 §3.4–§3.5): the client polls with its
 * {@code device_code} until the user has decided; the approved request gives tokens once, as the code grant would
 * (refresh token, ID token for {@code openid}, resources narrowed as RFC 8707 §2.2 says).
 */
public final class DeviceCodeGrant implements GrantHandler {
    public static final String GRANT_TYPE = "urn:ietf:params:oauth:grant-type:device_code";
    private static final Set<String> PARAMETERS = Set.of("device_code");

    private final DeviceAuthorizations authorizations;
    private final GrantRevoker revoker;
    private final UserStore users;

    public DeviceCodeGrant(DeviceAuthorizations authorizations, GrantRevoker revoker, UserStore users) {
        this.authorizations = authorizations;
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

    @Override
    public Issuance handle(TokenRequest request) {
        Client client = request.client();
        DeviceAuthorization approved = authorizations.redeem(client, request.parameter("device_code"));
        DeviceAuthorization.Approval approval = approved.approval();
        User user = users.findById(approval.userId()).filter(u -> !u.disabled())
                .orElseThrow(() -> invalidGrant("the user is no longer active"));
        if (approval.sessionId() != null && revoker.sessionEnded(approval.sessionId())) {
            throw invalidGrant("the user has signed out");
        }
        Map<String, Object> claims = LegacyClaims.add(Sid.with(Map.of("auth_time", approval.authTime().getEpochSecond()),
                approval.sessionId()), client, user);
        List<String> resources = approved.resources().isEmpty() ? request.resources() : approved.resources();
        return Issuance.accessToken(user.id(), approved.scopes(), approval.grantId(), claims)
                .withResources(resources, Resources.narrow(request.resources(), approved.resources()))
                .withRefresh(Issuance.Refresh.NEW)
                .withIdToken(new Issuance.IdToken(null, approval.authTime(), Sid.with(IdTokenClaims.of(user, approved.scopes(),
                        ClaimsRequest.NONE, true, null, approval.amr()), approval.sessionId())));
    }

    private static OAuthException invalidGrant(String description) {
        return new OAuthException(OAuthError.INVALID_GRANT, description);
    }
}
