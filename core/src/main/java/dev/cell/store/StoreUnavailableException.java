package dev.cell.store;

/** The database cannot be reached; endpoints answer 503 {@code temporarily_unavailable}. */
public final class StoreUnavailableException extends RuntimeException {
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
