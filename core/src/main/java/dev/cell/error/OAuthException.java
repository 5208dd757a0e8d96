package dev.cell.error;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A protocol error carried to the single error responder (RFC 6749 §5.2): its code, description and status, the
 * response headers it needs (e.g. {@code DPoP-Nonce}, RFC 9449 §8) and its {@code WWW-Authenticate} challenges
 * (RFC 6750 §3, RFC 9449 §7.1).
 */
public final class OAuthException extends RuntimeException {
    private final OAuthError error;
    private final int status;
    private final Map<String, String> headers;
    private final List<Challenge> challenges;
    private final String reason;

    public OAuthException(OAuthError error, String description) {
        this(error, description, error.status());
    }

    public OAuthException(OAuthError error, String description, int status) {
        this(error, ErrorDescription.of(description), status, Map.of(), List.of(), null);
    }

    private OAuthException(OAuthError error, String description, int status, Map<String, String> headers, List<Challenge> challenges,
            String reason) {
        super(description, null, false, false);
        this.error = error;
        this.status = status;
        this.headers = headers;
        this.challenges = challenges;
        this.reason = reason;
    }

    public OAuthError error() {
        return error;
    }

    /** Human-readable text for {@code error_description}; never contains secrets. */
    public String description() {
        return getMessage();
    }

    public int status() {
        return status;
    }

    /** Response header fields to send with the error, by name; never {@code WWW-Authenticate}. */
    public Map<String, String> headers() {
        return headers;
    }

    /** The {@code WWW-Authenticate} challenges, one header field each; empty for the token-style endpoints. */
    public List<Challenge> challenges() {
        return challenges;
    }

    /** This error with one more response header field. */
    public OAuthException withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new OAuthException(error, description(), status, Map.copyOf(more), challenges, reason);
    }

    /** This error answered with the given challenges, as a protected resource answers (RFC 6750 §3). */
    public OAuthException withChallenges(List<Challenge> challenges) {
        return new OAuthException(error, description(), status, headers, List.copyOf(challenges), reason);
    }

    /**
     * This error marked with a machine word for the audit trail and the metrics (e.g. {@code refresh_token_reuse}); the
     * client never sees it.
     */
    public OAuthException withReason(String reason) {
        return new OAuthException(error, description(), status, headers, challenges, reason);
    }

    /** The word given by {@link #withReason}, or null. */
    public String reason() {
        return reason;
    }

    public static OAuthException invalidRequest(String description) {
        return new OAuthException(OAuthError.INVALID_REQUEST, description);
    }

    public static OAuthException invalidClient(String description) {
        return new OAuthException(OAuthError.INVALID_CLIENT, description);
    }
}
