package dev.cell.session;

import java.time.Instant;
import java.util.List;

/**
 * A browser login session, stored under the hash of its cookie value so any node can read it. The hash is also the
 * session's public id: the {@code sid} of OIDC Front-Channel Logout 1.0 §3 and Back-Channel Logout 1.0 §2.1 (a cookie
 * cannot be recovered from it).
 *
 * @param authTime when the user last authenticated ({@code auth_time}, OIDC Core §2)
 * @param amr authentication methods used ({@code amr}, RFC 8176)
 * @param userAgent the browser's {@code User-Agent} at sign-in (at most {@link #MAX_USER_AGENT} characters), or null
 * @param ip the address the user signed in from, or null
 */
public record LoginSession(
        String idHash,
        String userId,
        Instant authTime,
        List<String> amr,
        Instant createdAt,
        Instant lastSeenAt,
        Instant expiresAt,
        String userAgent,
        String ip) {

    public static final int MAX_USER_AGENT = 512;
    public static final int MAX_IP = 64;

    public LoginSession {
        amr = List.copyOf(amr);
        userAgent = cut(userAgent, MAX_USER_AGENT);
        ip = cut(ip, MAX_IP);
    }

    /** A session without a known device or address. */
    public LoginSession(String idHash, String userId, Instant authTime, List<String> amr, Instant createdAt, Instant lastSeenAt,
            Instant expiresAt) {
        this(idHash, userId, authTime, amr, createdAt, lastSeenAt, expiresAt, null, null);
    }

    /** The session id relying parties see ({@code sid}). */
    public String sid() {
        return idHash;
    }

    private static String cut(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
