package dev.cell.grant;

import dev.cell.client.Client;
import dev.cell.dpop.DPoPBinding;
import dev.cell.dpop.DPoPProof;
import dev.cell.oidc.IdTokenIssuer;
import dev.cell.session.Sid;
import dev.cell.token.AccessTokenFormat;
import dev.cell.token.AccessTokenIssuer;
import dev.cell.token.AccessTokenRequest;
import dev.cell.token.GrantRevoker;
import dev.cell.token.IssuedAccessToken;
import dev.cell.token.RefreshTokenService;
import java.util.Set;

/**
 * Makes the tokens a grant decided on (RFC 6749 §5.1, OIDC Core §3.1.3.3): the access token in the client's format with
 * the granted resources as {@code aud} (RFC 8707 §2), a refresh token by {@link #refreshAllowed one rule}, the ID token,
 * {@code token_type} and the scope string. A request with a DPoP proof gets an access token bound to its key by
 * {@code cnf.jkt} and {@code token_type} {@code DPoP}; a public client's new refresh token is bound to it too (RFC 9449 §5). Every grant
 * ends here, so a rule about how tokens look is written once.
 */
public final class TokenIssuer {
    public static final String BEARER = "Bearer";
    /** The {@code token_type} of a token bound to a DPoP key (RFC 9449 §5). */
    public static final String DPOP = "DPoP";

    private final AccessTokenIssuer accessTokens;
    private final RefreshTokenService refreshTokens;
    private final IdTokenIssuer idTokens;
    private final GrantRevoker revoker;

    /** @param refreshTokens null when refresh tokens are switched off */
    public TokenIssuer(AccessTokenIssuer accessTokens, RefreshTokenService refreshTokens, IdTokenIssuer idTokens, GrantRevoker revoker) {
        this.accessTokens = accessTokens;
        this.refreshTokens = refreshTokens;
        this.idTokens = idTokens;
        this.revoker = revoker;
    }

    public TokenResponse issue(TokenRequest request, Issuance what) {
        Client client = request.client();
        DPoPProof proof = request.dpop();
        AccessTokenRequest access = new AccessTokenRequest(client, what.userId(), what.scopes(), what.grantId(),
                DPoPBinding.bind(what.claims(), proof), what.audiences());
        IssuedAccessToken token = accessTokens.issue(access);
        String refresh = switch (what.refresh()) {
            case Issuance.Refresh.None n -> null;
            case Issuance.Refresh.New n -> refreshAllowed(refreshTokens != null, client, what.scopes())
                    ? refreshTokens.issue(client, what.userId(), what.scopes(), what.grantId(),
                            DPoPBinding.bind(what.claims(), client.isConfidential() ? null : proof), what.resources())
                    : null;
            case Issuance.Refresh.Rotated r -> r.value();
        };
        if (refresh != null || client.accessTokenFormat() == AccessTokenFormat.OPAQUE) {
            revoker.revokeIfRevokedMeanwhile(what.grantId(), Sid.in(what.claims()));
        }
        String idToken = what.idToken() != null && what.scopes().contains("openid")
                ? idTokens.issue(client, what.userId(), what.idToken().nonce(), what.idToken().authTime(), token.value(),
                        what.idToken().claims())
                : null;
        String scope = what.scopes().isEmpty() ? null : AccessTokenIssuer.scopeString(what.scopes());
        return new TokenResponse(token.value(), proof == null ? BEARER : DPOP, token.expiresIn(), scope, refresh, idToken,
                access.subject(), what.issuedTokenType());
    }

    /**
     * The one refresh rule: the feature is on, the client may use the refresh grant, and an OpenID request asked for
     * {@code offline_access} (OIDC Core §11; a plain OAuth request needs no such scope, RFC 6749 §1.5).
     */
    public static boolean refreshAllowed(boolean enabled, Client client, Set<String> scopes) {
        return enabled && client.allowsGrant(RefreshTokenGrant.GRANT_TYPE)
                && (!scopes.contains("openid") || scopes.contains("offline_access"));
    }
}
