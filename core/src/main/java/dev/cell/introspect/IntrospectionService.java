package dev.cell.introspect;

import dev.cell.account.User;
import dev.cell.client.Client;
import dev.cell.client.ClientRegistry;
import dev.cell.store.RevokedTokenStore;
import dev.cell.store.TokenStore;
import dev.cell.store.UserStore;
import dev.cell.token.AccessTokenValidator;
import dev.cell.token.StoredToken;
import dev.cell.token.TokenHasher;
import dev.cell.token.TokenKind;
import dev.cell.token.ValidatedAccessToken;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Token introspection (RFC 7662 §2): whether an access token (JWT or opaque) or a refresh token is active, and what
 * it carries. Anything expired, revoked, unknown or malformed is simply not active.
 */
public final class IntrospectionService {
    private static final int MAX_TOKEN_LENGTH = 8192;

    private final AccessTokenValidator accessTokens;
    private final TokenStore tokens;
    private final RevokedTokenStore revoked;
    private final UserStore users;
    private final ClientRegistry clients;
    private final Clock clock;

    public IntrospectionService(AccessTokenValidator accessTokens, TokenStore tokens, RevokedTokenStore revoked, UserStore users,
            ClientRegistry clients, Clock clock) {
        this.accessTokens = accessTokens;
        this.tokens = tokens;
        this.revoked = revoked;
        this.users = users;
        this.clients = clients;
        this.clock = clock;
    }

    /**
     * @param hint {@code token_type_hint}: where to look first; the other kind is tried too (RFC 7662 §2.1)
     */
    public Optional<ActiveToken> introspect(String token, String hint) {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
            return Optional.empty();
        }
        if ("refresh_token".equals(hint)) {
            return refresh(token).or(() -> access(token));
        }
        return access(token).or(() -> refresh(token));
    }

    private Optional<ActiveToken> access(String token) {
        return accessTokens.validate(token).map(this::fromAccess);
    }

    private ActiveToken fromAccess(ValidatedAccessToken t) {
        User user = t.userId() == null ? null : users.findById(t.userId()).orElse(null);
        Object iat = t.claims().get("iat");
        Instant issuedAt = iat instanceof Number n ? Instant.ofEpochSecond(n.longValue()) : null;
        return new ActiveToken("access_token", t.subject(), t.userId(), user == null ? null : user.username(), t.clientId(),
                t.scopes(), audiences(t.claims().get("aud")), issuedAt, t.expiresAt(), authorities(user, t.clientId()), t.jti());
    }

    private Optional<ActiveToken> refresh(String token) {
        Instant now = clock.instant();
        Optional<StoredToken> stored = tokens.find(TokenHasher.orderedHash(token))
                .filter(t -> t.kind() == TokenKind.REFRESH && t.isActive(now))
                .filter(t -> !revoked.anyRevoked(List.of(t.grantId())));
        return stored.map(t -> {
            User user = t.userId() == null ? null : users.findById(t.userId()).orElse(null);
            String subject = t.userId() != null ? t.userId() : t.clientId();
            return new ActiveToken("refresh_token", subject, t.userId(), user == null ? null : user.username(), t.clientId(), t.scopes(),
                    t.audiences(), t.issuedAt(), t.expiresAt(), authorities(user, t.clientId()), null);
        });
    }

    private Set<String> authorities(User user, String clientId) {
        if (user != null) {
            return user.authorities();
        }
        return clients.find(clientId).map(Client::authorities).orElse(Set.of());
    }

    private static List<String> audiences(Object aud) {
        if (aud instanceof String s) {
            return List.of(s);
        }
        if (aud instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return List.of();
    }
}
