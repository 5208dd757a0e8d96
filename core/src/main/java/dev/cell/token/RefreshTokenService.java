package dev.cell.token;

import dev.cell.client.Client;
import dev.cell.dpop.DPoPBinding;
import dev.cell.error.OAuthError;
import dev.cell.error.OAuthException;
import dev.cell.grant.Resources;
import dev.cell.store.TokenStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Refresh tokens (RFC 6749 §6) rotated on every use with reuse detection (RFC 9700 §4.14.2): each token expires after an
 * idle time, and no token of a family outlives the family's absolute end.
 */
public final class RefreshTokenService {
    /** The {@link OAuthException#reason} of a refused refresh token that had already been rotated (RFC 9700 §4.14.2). */
    public static final String REUSE = "refresh_token_reuse";

    private final TokenStore tokens;
    private final GrantRevoker revoker;
    private final RandomValues random;
    private final Duration idle;
    private final Duration absolute;
    private final Clock clock;

    public RefreshTokenService(TokenStore tokens, GrantRevoker revoker, RandomValues random, Duration idle, Duration absolute, Clock clock) {
        this.tokens = tokens;
        this.revoker = revoker;
        this.random = random;
        this.idle = idle;
        this.absolute = absolute;
        this.clock = clock;
    }

    /**
     * The result of a rotation: the token presented, the scopes and resources its replacement carries (the presented
     * token's, narrowed to what the client may have now), and the value of the replacement.
     */
    public record Rotated(StoredToken previous, Set<String> scopes, List<String> resources, String newToken) {
        @Override
        public String toString() {
            return "Rotated[grantId=" + previous.grantId() + "]";
        }
    }

    /**
     * Issues the first refresh token of a new family.
     *
     * @param claims what later tokens of the family reproduce (e.g. {@code auth_time}); JSON values only
     * @param resources the resources the grant covers (RFC 8707 §2.2), kept as the token's audiences; empty for the default
     */
    public String issue(Client client, String userId, Set<String> scopes, String grantId, Map<String, Object> claims,
            List<String> resources) {
        Instant now = clock.instant();
        String value = random.orderedToken();
        tokens.save(token(TokenHasher.orderedHash(value), client.clientId(), userId, scopes, resources, grantId, claims, now,
                now.plus(absolute)));
        return value;
    }

    /**
     * Rotates a refresh token presented by {@code client}. A token already rotated away revokes its whole grant.
     *
     * @param client the client as registered now: the replacement keeps only the scopes it may still have
     * @param requestedScopes the narrower scope asked for; checked before rotating so a refused request costs no token
     * @param requestedResources the resources asked for (RFC 8707 §2.2), checked likewise
     * @param jkt the thumbprint of the request's verified DPoP proof, or null: a token bound to a key (a public client's,
     *     RFC 9449 §5) is rotated only with a proof of that key
     * @throws OAuthException {@code invalid_grant} for an unknown, expired, revoked, reused or another client's token;
     *     {@code invalid_scope} if {@code requestedScopes} exceeds the token's scope or the client's current scopes (RFC 6749 §6);
     *     {@code invalid_target} if {@code requestedResources} exceeds the token's resources; {@code invalid_dpop_proof}
     *     or {@code invalid_grant} for a bound token without a proof or with another key's
     */
    public Rotated rotate(String presentedToken, Client client, Set<String> requestedScopes, List<String> requestedResources,
            String jkt) {
        String hash = TokenHasher.orderedHash(presentedToken);
        StoredToken previous = tokens.find(hash)
                .filter(t -> t.kind() == TokenKind.REFRESH && t.clientId().equals(client.clientId()))
                .orElseThrow(RefreshTokenService::invalid);
        Set<String> scopes = previous.scopes().stream().filter(client.scopes()::contains).collect(Collectors.toUnmodifiableSet());
        List<String> resources = previous.audiences().stream().filter(client.audiences()::contains).toList();
        if (previous.consumedAt() == null) {
            checkBinding(DPoPBinding.jkt(previous.claims()), jkt);
            if (!scopes.containsAll(requestedScopes)) {
                throw new OAuthException(OAuthError.INVALID_SCOPE,
                        "the scope may only narrow that of the refresh token, within the client's current scopes (RFC 6749 section 6)");
            }
            if (resources.isEmpty() && !previous.audiences().isEmpty()) {
                throw new OAuthException(OAuthError.INVALID_TARGET, "none of the grant's resources may be requested by the client now");
            }
            Resources.narrow(requestedResources, resources);
        }
        Instant now = clock.instant();
        Instant end = Optional.ofNullable(previous.absoluteExpiresAt()).orElse(previous.expiresAt());
        String value = random.orderedToken();
        StoredToken replacement = token(TokenHasher.orderedHash(value), previous.clientId(), previous.userId(), scopes, resources,
                previous.grantId(), previous.claims(), now, end);
        return switch (tokens.rotate(hash, replacement, now)) {
            case TokenStore.Rotation.Rotated r -> new Rotated(r.previous(), scopes, resources, value);
            case TokenStore.Rotation.Reused r -> {
                revoker.revoke(r.previous().grantId());
                throw new OAuthException(OAuthError.INVALID_GRANT, "refresh token reuse: the grant is revoked").withReason(REUSE);
            }
            case TokenStore.Rotation.Invalid i -> throw invalid();
        };
    }

    /** A bound refresh token needs a proof of its key (RFC 9449 §5); checked before rotating, so a refused one costs nothing. */
    private static void checkBinding(String bound, String jkt) {
        if (bound == null) {
            return;
        }
        if (jkt == null) {
            throw new OAuthException(OAuthError.INVALID_DPOP_PROOF, "the refresh token is bound to a DPoP key: send a DPoP proof signed with it");
        }
        if (!bound.equals(jkt)) {
            throw new OAuthException(OAuthError.INVALID_GRANT, "the refresh token is bound to another DPoP key than the proof's (RFC 9449 section 5)");
        }
    }

    private StoredToken token(String hash, String clientId, String userId, Set<String> scopes, List<String> resources, String grantId,
            Map<String, Object> claims, Instant now, Instant end) {
        Instant idleEnd = now.plus(idle);
        Instant expires = idleEnd.isBefore(end) ? idleEnd : end;
        return new StoredToken(hash, TokenKind.REFRESH, grantId, clientId, userId, scopes, resources, claims, now, expires, end,
                null, null);
    }

    private static OAuthException invalid() {
        return new OAuthException(OAuthError.INVALID_GRANT, "the refresh token is invalid, expired or revoked");
    }
}
