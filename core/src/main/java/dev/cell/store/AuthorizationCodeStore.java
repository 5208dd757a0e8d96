package dev.cell.store;

import dev.cell.authorize.AuthorizationCode;
import java.time.Instant;

/** Authorization codes, single use (RFC 6749 §4.1.2). */
public interface AuthorizationCodeStore {
    void save(AuthorizationCode code);

    /**
     * Marks the code used with one atomic statement that also requires {@code clientId} to be the client the code was
     * issued to (RFC 6749 section 4.1.3), then reports what happened; another client's code is {@code NotFound} and stays
     * as it was.
     */
    Consumption consume(String codeHash, String clientId, Instant now);

    int deleteExpired(Instant now, int limit);

    /** The result of {@link #consume}. */
    sealed interface Consumption {
        /** This caller won: the code was unused (it may still be expired; the caller checks). */
        record Consumed(AuthorizationCode code) implements Consumption {}

        /** The code had been used before by the same client: a replay (RFC 6749 §4.1.2). */
        record AlreadyUsed(AuthorizationCode code) implements Consumption {}

        /** No such code, or one issued to another client. */
        record NotFound() implements Consumption {}
    }
}
