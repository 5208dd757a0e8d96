package dev.cell.store;

import dev.cell.authorize.AuthorizationCode;
import java.time.Instant;

/** Authorization codes, single use (RFC 6749 §4.1.2). */
public interface AuthorizationCodeStore {
    void save(AuthorizationCode code);

    /** Marks the code used with one atomic statement, then reports what happened. */
    Consumption consume(String codeHash, Instant now);

    int deleteExpired(Instant now, int limit);

    /** The result of {@link #consume}. */
    sealed interface Consumption {
        /** This caller won: the code was unused (it may still be expired; the caller checks). */
        record Consumed(AuthorizationCode code) implements Consumption {}

        /** The code had been used before: a replay (RFC 6749 §4.1.2). */
        record AlreadyUsed(AuthorizationCode code) implements Consumption {}

        record NotFound() implements Consumption {}
    }
}
