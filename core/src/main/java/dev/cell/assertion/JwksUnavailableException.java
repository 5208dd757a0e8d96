package dev.cell.assertion;

/** The JWK set at a {@code jwks_uri} could not be fetched or read; the message says why, for {@code error_description}. */
public final class JwksUnavailableException extends RuntimeException {
    public JwksUnavailableException(String message) {
        super(message, null, false, false);
    }
}
