package dev.cell.store;

/** A unique key is already taken (a client id, a username). */
public final class DuplicateException extends RuntimeException {
    public DuplicateException(String message) {
        super(message);
    }
}
