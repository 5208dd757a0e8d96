package dev.cell.introspect;

import dev.cell.account.User;
import dev.cell.client.Client;
import dev.cell.dpop.DPoPBinding;
import dev.cell.client.ClientRegistry;
import dev.cell.store.RevokedTokenStore;
import dev.cell.store.TokenStore;
import dev.cell.store.UserStore;
import dev.cell.token.AccessTokenValidator;
import dev.cell.token.ExternalSubject;
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
 * it carries. Anything expired, revoked, unknown or malformed is simply not active, and so is a token whose client is
 * deleted or whose user is deleted or disabled.
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
        return accessTokens.validate(token).flatMap(this::fromAccess);
    }

    private Optional<ActiveToken> fromAccess(ValidatedAccessToken t) {
        Object iat = t.claims().get("iat");
        Instant issuedAt = iat instanceof Number n ? Instant.ofEpochSecond(n.longValue()) : null;
        ExternalSubject external = ExternalSubject.in(t.claims()).orElse(null);
        return current(t.clientId(), t.userId()).map(now -> new ActiveToken("access_token", t.subject(), t.userId(),
                now.username(), t.clientId(), t.scopes(), audiences(t.claims().get("aud")), issuedAt, t.expiresAt(),
                now.authorities(external), t.jti(), external, DPoPBinding.jkt(t.claims()), t.claims().get("act")));
    }

    private Optional<ActiveToken> refresh(String token) {
        Instant now = clock.instant();
        Optional<StoredToken> stored = tokens.find(TokenHasher.orderedHash(token))
                .filter(t -> t.kind() == TokenKind.REFRESH && t.isActive(now))
                .filter(t -> !revoked.anyRevoked(AccessTokenValidator.denyListIds(t)));
        return stored.flatMap(t -> current(t.clientId(), t.userId()).map(c -> {
            String subject = t.userId() != null ? t.userId() : t.clientId();
            return new ActiveToken("refresh_token", subject, t.userId(), c.username(), t.clientId(), t.scopes(), t.audiences(),
                    t.issuedAt(), t.expiresAt(), c.authorities(null), null, null, DPoPBinding.jkt(t.claims()), null);
        }));
    }

    /** The token's client and user as they are now: empty once the client is deleted or the user deleted or disabled. */
    private Optional<Current> current(String clientId, String userId) {
        Optional<Client> client = clients.find(clientId);
        if (client.isEmpty()) {
            return Optional.empty();
        }
        if (userId == null) {
            return Optional.of(new Current(client.get(), null));
        }
        return users.findById(userId).filter(u -> !u.disabled()).map(u -> new Current(client.get(), u));
    }

    /** A token's client and, for a user's token, its active user. */
    private record Current(Client client, User user) {
        String username() {
            return user == null ? null : user.username();
        }

        /** The user's authorities; for a client's own token the client's; none for an external subject's. */
        Set<String> authorities(ExternalSubject external) {
            if (user != null) {
                return user.authorities();
            }
            return external == null ? client.authorities() : Set.of();
        }
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
