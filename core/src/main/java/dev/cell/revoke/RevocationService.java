package dev.cell.revoke;

import dev.cell.client.Client;
import dev.cell.error.OAuthError;
import dev.cell.error.OAuthException;
import dev.cell.store.RevokedTokenStore;
import dev.cell.store.TokenStore;
import dev.cell.token.AccessTokenValidator;
import dev.cell.token.GrantRevoker;
import dev.cell.token.StoredToken;
import dev.cell.token.TokenHasher;
import dev.cell.token.TokenKind;
import dev.cell.token.ValidatedAccessToken;
import java.time.Clock;
import java.util.Optional;

/**
 * Token revocation (RFC 7009 §2): a refresh token takes its whole grant with it, access tokens included
 * (RFC 7009 §2.1); a JWT access token goes on the deny list until it expires; an unknown token is no error.
 */
public final class RevocationService {
    private static final int MAX_TOKEN_LENGTH = 8192;

    private final AccessTokenValidator accessTokens;
    private final TokenStore tokens;
    private final RevokedTokenStore revoked;
    private final GrantRevoker grants;
    private final Clock clock;

    public RevocationService(AccessTokenValidator accessTokens, TokenStore tokens, RevokedTokenStore revoked, GrantRevoker grants, Clock clock) {
        this.accessTokens = accessTokens;
        this.tokens = tokens;
        this.revoked = revoked;
        this.grants = grants;
        this.clock = clock;
    }

    /** Revokes the token if it is active and was issued to {@code caller}; refuses another client's token. */
    public void revoke(Client caller, String token) {
        if (token == null || token.isEmpty()) {
            throw OAuthException.invalidRequest("token is missing");
        }
        if (token.length() > MAX_TOKEN_LENGTH) {
            return;
        }
        Optional<StoredToken> stored = tokens.find(TokenHasher.orderedHash(token)).filter(t -> t.isActive(clock.instant()));
        if (stored.isPresent()) {
            StoredToken t = stored.get();
            requireOwner(caller, t.clientId());
            if (t.kind() == TokenKind.REFRESH) {
                grants.revoke(t.grantId());
            } else {
                tokens.revoke(t.tokenHash(), clock.instant());
            }
            return;
        }
        Optional<ValidatedAccessToken> jwt = accessTokens.validate(token).filter(t -> t.jti() != null);
        if (jwt.isPresent()) {
            requireOwner(caller, jwt.get().clientId());
            revoked.revoke(jwt.get().jti(), jwt.get().expiresAt());
        }
    }

    private static void requireOwner(Client caller, String owner) {
        if (!caller.clientId().equals(owner)) {
            throw new OAuthException(OAuthError.UNAUTHORIZED_CLIENT, "the token was not issued to this client (RFC 7009 section 2.1)");
        }
    }
}
