package dev.cell.account;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * A resource owner (RFC 6749 §1.1) with OpenID standard claims (OIDC Core §5.1).
 *
 * @param id the stable subject identifier ({@code sub})
 * @param passwordHash Argon2id PHC string
 * @param claims standard claims such as {@code email}, {@code name}; never the password
 * @param authorities roles, for the legacy Spring Security OAuth token shape
 */
public record User(
        String id,
        String username,
        String passwordHash,
        Map<String, Object> claims,
        Set<String> authorities,
        boolean disabled,
        Instant createdAt,
        Instant updatedAt) {

    public User {
        claims = Map.copyOf(claims);
        authorities = Set.copyOf(authorities);
    }
}
