package dev.cell.store;

import dev.cell.consent.Consent;
import java.util.List;
import java.util.Optional;

/** Remembered consents per user and client (RFC 6749 §10.2). */
public interface ConsentStore {
    Optional<Consent> find(String userId, String clientId);

    List<Consent> listForUser(String userId);

    /** Inserts or replaces the consent for this user and client. */
    void save(Consent consent);

    boolean delete(String userId, String clientId);
}
