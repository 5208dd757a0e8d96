package dev.cell.session;

import java.time.Instant;
import java.util.List;

/**
 * A browser login session, stored under the hash of its cookie value so any node can read it.
 *
 * @param authTime when the user last authenticated ({@code auth_time}, OIDC Core §2)
 * @param amr authentication methods used ({@code amr}, RFC 8176)
 */
public record LoginSession(
        String idHash,
        String userId,
        Instant authTime,
        List<String> amr,
        Instant createdAt,
        Instant lastSeenAt,
        Instant expiresAt) {

    public LoginSession {
        amr = List.copyOf(amr);
    }
}
