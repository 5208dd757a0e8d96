package dev.cell.jdbc;

import static dev.cell.jdbc.Fixtures.minutes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cell.consent.Consent;
import dev.cell.store.ConsentStore;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Contract of {@link ConsentStore}: one remembered consent per user and client (RFC 6749 §10.2). */
interface ConsentStoreContract extends StoreContract {
    private ConsentStore consents() {
        return stores().consents();
    }

    @Test
    default void savedConsentReadsBack() {
        Consent consent = new Consent("u-1", "app", Set.of("openid", "email"), minutes(0));
        consents().save(consent);

        assertThat(consents().find("u-1", "app")).contains(consent);
        assertThat(consents().find("u-1", "other")).isEmpty();
        assertThat(consents().find("u-2", "app")).isEmpty();
    }

    @Test
    default void savingAgainReplacesTheConsent() {
        consents().save(new Consent("u-1", "app", Set.of("openid"), minutes(0)));
        Consent wider = new Consent("u-1", "app", Set.of("openid", "profile", "email"), minutes(5));
        consents().save(wider);

        assertThat(consents().listForUser("u-1")).containsExactly(wider);
    }

    @Test
    default void listForUserIsOrderedByClientAndOnlyThatUsers() {
        Consent b = new Consent("u-1", "b-app", Set.of("openid"), minutes(0));
        Consent a = new Consent("u-1", "a-app", Set.of("email"), minutes(1));
        consents().save(b);
        consents().save(a);
        consents().save(new Consent("u-2", "a-app", Set.of("openid"), minutes(2)));

        assertThat(consents().listForUser("u-1")).containsExactly(a, b);
        assertThat(consents().listForUser("u-3")).isEmpty();
    }

    @Test
    default void deleteForgetsTheConsentOnce() {
        consents().save(new Consent("u-1", "app", Set.of("openid"), minutes(0)));
        consents().save(new Consent("u-1", "other", Set.of("openid"), minutes(0)));

        assertThat(consents().delete("u-1", "app")).isTrue();
        assertThat(consents().delete("u-1", "app")).isFalse();
        assertThat(consents().find("u-1", "app")).isEmpty();
        assertThat(consents().find("u-1", "other")).isPresent();
    }

    @Test
    default void concurrentFirstSavesLeaveOneConsent() throws Exception {
        List<Consent> saved = Race.run(16, i -> {
            Consent consent = new Consent("u-race", "app", Set.of("scope-" + i), minutes(i));
            consents().save(consent);
            return consent;
        });

        assertThat(consents().listForUser("u-race")).singleElement().isIn(saved);
    }
}
