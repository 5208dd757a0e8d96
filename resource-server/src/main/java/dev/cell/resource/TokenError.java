package dev.cell.resource;

/**
 * Why a request's access token was refused, with the RFC 6750 §3.1 error code and HTTP status each reason answers with.
 * A failure to reach the authorization server is not the client's fault: it answers 503 without an error code.
 */
public enum TokenError {
    /** No bearer token in the request (RFC 6750 §3.1: the challenge then carries no error code). */
    MISSING_TOKEN(401, null),
    /** The Authorization header is not a well-formed bearer credential (RFC 6750 §2.1). */
    INVALID_REQUEST(400, "invalid_request"),
    /** The token is longer than the configured bound; it is not parsed. */
    TOKEN_TOO_LARGE(401, "invalid_token"),
    /** The token is not a signed JWT (RFC 7519 §7.2). */
    MALFORMED_TOKEN(401, "invalid_token"),
    /** The JWS algorithm is not on the allow-list ({@code none} and HMAC never are). */
    ALGORITHM_NOT_ALLOWED(401, "invalid_token"),
    /** The JWS header {@code typ} is not {@code at+jwt} (RFC 9068 §4), or introspection names another {@code token_type}. */
    WRONG_TYPE(401, "invalid_token"),
    /** No key of the issuer's JWK Set matches the token's {@code kid} and algorithm, even after a refetch. */
    UNKNOWN_KEY(401, "invalid_token"),
    /** The signature does not verify with the issuer's key. */
    BAD_SIGNATURE(401, "invalid_token"),
    /** A claim RFC 9068 §2.2 requires is absent or of the wrong type. */
    MISSING_CLAIM(401, "invalid_token"),
    /** {@code iss} is not the configured issuer (RFC 9068 §4). */
    WRONG_ISSUER(401, "invalid_token"),
    /** {@code aud} does not name this resource server (RFC 9068 §4). */
    WRONG_AUDIENCE(401, "invalid_token"),
    /** {@code exp} has passed, beyond the allowed clock skew. */
    EXPIRED(401, "invalid_token"),
    /** {@code nbf} is still ahead, beyond the allowed clock skew. */
    NOT_YET_VALID(401, "invalid_token"),
    /** The introspection endpoint answered {@code active: false} (RFC 7662 §2.2). */
    INACTIVE(401, "invalid_token"),
    /** The DPoP proof is missing, malformed, replayed or does not match this request or token (RFC 9449 §7.1). */
    INVALID_DPOP_PROOF(401, "invalid_dpop_proof"),
    /** The token is bound to a DPoP key (cnf.jkt) and came as Bearer, or the proof's key is another one (RFC 9449 §7.2). */
    WRONG_KEY(401, "invalid_token"),
    /** The token is valid but lacks a scope the resource needs (RFC 6750 §3.1). */
    INSUFFICIENT_SCOPE(403, "insufficient_scope"),
    /** The authorization server (metadata, JWK Set or introspection) did not answer within the configured timeout. */
    UPSTREAM_TIMEOUT(503, null),
    /** The authorization server could not be reached or gave an unusable answer. */
    UPSTREAM_ERROR(503, null);

    private final int status;
    private final String code;

    TokenError(int status, String code) {
        this.status = status;
        this.code = code;
    }

    /** The HTTP status to answer with. */
    public int status() {
        return status;
    }

    /** The RFC 6750 §3.1 {@code error} value, or null when the challenge carries none. */
    public String code() {
        return code;
    }
}
