package dev.cell.fetch;

/** An outbound fetch that gave no usable answer; the message says why, without the body. */
public final class FetchException extends Exception {
    public FetchException(String reason) {
        super(reason, null, false, false);
    }
}
