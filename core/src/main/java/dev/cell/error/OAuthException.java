package dev.cell.error;

/** A protocol error carried to the single error responder (RFC 6749 §5.2). */
public final class OAuthException extends RuntimeException {
    private final OAuthError error;
    private final int status;

    public OAuthException(OAuthError error, String description) {
        this(error, description, error.status());
    }

    public OAuthException(OAuthError error, String description, int status) {
        super(ErrorDescription.of(description), null, false, false);
        this.error = error;
        this.status = status;
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

    public static OAuthException invalidRequest(String description) {
        return new OAuthException(OAuthError.INVALID_REQUEST, description);
    }

    public static OAuthException invalidClient(String description) {
        return new OAuthException(OAuthError.INVALID_CLIENT, description);
    }
}
