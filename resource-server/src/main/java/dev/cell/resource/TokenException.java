package dev.cell.resource;

/** A refused access token: the typed {@link TokenError} and a description safe to show the client (RFC 6750 §3). */
public final class TokenException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final TokenError error;
    private final String scope;
    private final boolean dpop;

    public TokenException(TokenError error, String description) {
        this(error, description, null, null);
    }

    public TokenException(TokenError error, String description, Throwable cause) {
        this(error, description, null, cause);
    }

    private TokenException(TokenError error, String description, String scope, Throwable cause) {
        this(error, description, scope, cause, error == TokenError.INVALID_DPOP_PROOF || error == TokenError.WRONG_KEY);
    }

    private TokenException(TokenError error, String description, String scope, Throwable cause, boolean dpop) {
        super(description, cause);
        this.error = error;
        this.scope = scope;
        this.dpop = dpop;
    }

    /** The same refusal of a request that used the {@code DPoP} scheme, answered with a {@code DPoP} challenge (RFC 9449 §7.1). */
    TokenException asDPoP() {
        return dpop ? this : new TokenException(error, getMessage(), scope, getCause(), true);
    }

    /** Whether the refusal is answered with a {@code DPoP} challenge rather than a {@code Bearer} one. */
    public boolean dpop() {
        return dpop;
    }

    /** An {@code insufficient_scope} refusal naming the scope the resource needs (RFC 6750 §3.1). */
    public static TokenException insufficientScope(String scope) {
        return new TokenException(TokenError.INSUFFICIENT_SCOPE, "the token lacks the scope " + scope, scope, null);
    }

    public TokenError error() {
        return error;
    }

    /** The HTTP status to answer with. */
    public int status() {
        return error.status();
    }

    /** The scope the resource needs, for {@code insufficient_scope}; else null. */
    public String scope() {
        return scope;
    }
}
