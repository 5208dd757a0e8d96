package dev.cell.error;

/** OAuth 2.0 error codes with their default HTTP status (RFC 6749 §4.1.2.1, §5.2; RFC 6750 §3.1; OIDC Core §3.1.2.6, §6; RFC 9101 §6.3; RFC 7591 §3.2.2). */
public enum OAuthError {
    INVALID_REQUEST("invalid_request", 400),
    INVALID_CLIENT("invalid_client", 401),
    INVALID_GRANT("invalid_grant", 400),
    UNAUTHORIZED_CLIENT("unauthorized_client", 400),
    UNSUPPORTED_GRANT_TYPE("unsupported_grant_type", 400),
    UNSUPPORTED_RESPONSE_TYPE("unsupported_response_type", 400),
    INVALID_SCOPE("invalid_scope", 400),
    ACCESS_DENIED("access_denied", 403),
    INVALID_TOKEN("invalid_token", 401),
    INSUFFICIENT_SCOPE("insufficient_scope", 403),
    SERVER_ERROR("server_error", 500),
    TEMPORARILY_UNAVAILABLE("temporarily_unavailable", 503),
    INTERACTION_REQUIRED("interaction_required", 400),
    LOGIN_REQUIRED("login_required", 400),
    ACCOUNT_SELECTION_REQUIRED("account_selection_required", 400),
    CONSENT_REQUIRED("consent_required", 400),
    REQUEST_NOT_SUPPORTED("request_not_supported", 400),
    REQUEST_URI_NOT_SUPPORTED("request_uri_not_supported", 400),
    REGISTRATION_NOT_SUPPORTED("registration_not_supported", 400),
    /** RFC 8707 §2: the requested resource is invalid, unknown, malformed or not allowed. */
    INVALID_TARGET("invalid_target", 400),
    /** The {@code request_uri} is unknown, expired, used or another client's (OIDC Core §6.2, RFC 9126 §4). */
    INVALID_REQUEST_URI("invalid_request_uri", 400),
    /** The request object is malformed, unsigned or fails a check (RFC 9101 §6.3, OIDC Core §6.1). */
    INVALID_REQUEST_OBJECT("invalid_request_object", 400),
    /** RFC 7591 §3.2.2: one or more redirection URIs are invalid. */
    INVALID_REDIRECT_URI("invalid_redirect_uri", 400),
    /** RFC 7591 §3.2.2: a client metadata field is invalid or the fields are inconsistent. */
    INVALID_CLIENT_METADATA("invalid_client_metadata", 400),
    /** RFC 7591 §3.2.2: the software statement is invalid. */
    INVALID_SOFTWARE_STATEMENT("invalid_software_statement", 400),
    /** RFC 7591 §3.2.2: the software statement is not approved for use by this server. */
    UNAPPROVED_SOFTWARE_STATEMENT("unapproved_software_statement", 400),
    /** RFC 9449 §5, §7.1: the DPoP proof is missing where required, malformed, or fails a check. */
    INVALID_DPOP_PROOF("invalid_dpop_proof", 400),
    /** RFC 9449 §8, §9: the proof must carry the nonce the server sends in {@code DPoP-Nonce}. */
    USE_DPOP_NONCE("use_dpop_nonce", 400),
    /** RFC 8628 §3.5: the user has not yet approved or denied the device authorization request; poll again. */
    AUTHORIZATION_PENDING("authorization_pending", 400),
    /** RFC 8628 §3.5: still pending, and the client polls too fast; wait 5 seconds longer from now on. */
    SLOW_DOWN("slow_down", 400),
    /** RFC 8628 §3.5: the device code has expired; start a new device authorization request. */
    EXPIRED_TOKEN("expired_token", 400);

    private final String code;
    private final int status;

    OAuthError(String code, int status) {
        this.code = code;
        this.status = status;
    }

    /** The error code exactly as written on the wire. */
    public String code() {
        return code;
    }

    /** The HTTP status used when no other is given. */
    public int status() {
        return status;
    }
}
