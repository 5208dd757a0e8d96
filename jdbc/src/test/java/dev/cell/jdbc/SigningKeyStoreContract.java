package dev.cell.jdbc;

import static dev.cell.jdbc.Fixtures.NOW;
import static dev.cell.jdbc.Fixtures.minutes;
import static dev.cell.jdbc.Fixtures.signingKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cell.keys.SigningKey;
import dev.cell.store.DuplicateException;
import dev.cell.store.SigningKeyStore;
import org.junit.jupiter.api.Test;

/** Contract of {@link SigningKeyStore}: ordering, publication window, atomic rotation, bounded deletion. */
interface SigningKeyStoreContract extends StoreContract {
    private SigningKeyStore keys() {
        return stores().signingKeys();
    }

    @Test
    default void listAllIsNewestFirstThenByKidDescending() {
        SigningKey old = signingKey("k-old", "RS256", minutes(-100));
        SigningKey a = signingKey("k-a", "RS256", minutes(-1));
        SigningKey b = signingKey("k-b", "ES256", minutes(-1));
        keys().insert(old);
        keys().insert(a);
        keys().insert(b);

        assertThat(keys().listAll()).containsExactly(b, a, old);
    }

    @Test
    default void publishedKeysAreThoseNotYetExpired() {
        keys().insert(signingKey("k-active", minutes(-10), null, null));
        keys().insert(signingKey("k-retiring", minutes(-20), minutes(-5), minutes(30)));
        keys().insert(signingKey("k-gone", minutes(-30), minutes(-25), minutes(-1)));
        keys().insert(signingKey("k-edge", minutes(-40), minutes(-35), NOW));

        assertThat(keys().listPublished(NOW)).extracting(SigningKey::kid).containsExactly("k-active", "k-retiring");
        assertThat(keys().listAll()).hasSize(4);
    }

    @Test
    default void rotateRetiresEveryOtherActiveKeyOfTheSameAlg() {
        keys().insert(signingKey("rsa-1", "RS256", minutes(-60)));
        keys().insert(signingKey("rsa-2", "RS256", minutes(-50)));
        keys().insert(signingKey("ec-1", "ES256", minutes(-40)));
        SigningKey retiredBefore = signingKey("rsa-0", minutes(-90), minutes(-70), minutes(100));
        keys().insert(retiredBefore);
        SigningKey fresh = signingKey("rsa-3", "RS256", NOW);

        keys().rotate(fresh, NOW, minutes(60));

        assertThat(keys().listAll()).containsExactly(
                fresh,
                signingKey("ec-1", "ES256", minutes(-40)),
                retired(signingKey("rsa-2", "RS256", minutes(-50))),
                retired(signingKey("rsa-1", "RS256", minutes(-60))),
                retiredBefore);
    }

    @Test
    default void rotateWithATakenKidChangesNothing() {
        SigningKey active = signingKey("rsa-1", "RS256", minutes(-60));
        keys().insert(active);

        assertThatThrownBy(() -> keys().rotate(signingKey("rsa-1", "RS256", NOW), NOW, minutes(60)))
                .isInstanceOf(DuplicateException.class);
        assertThat(keys().listAll()).containsExactly(active);
    }

    @Test
    default void insertOfATakenKidIsADuplicate() {
        keys().insert(signingKey("k-1", "RS256", NOW));

        assertThatThrownBy(() -> keys().insert(signingKey("k-1", "ES256", NOW)))
                .isInstanceOf(DuplicateException.class);
    }

    @Test
    default void resealReplacesThePrivatePartAndMasterKeyId() {
        SigningKey key = signingKey("k-1", "RS256", NOW);
        keys().insert(key);

        assertThat(keys().reseal("k-1", "resealed", "mk-2")).isTrue();

        assertThat(keys().listAll()).containsExactly(new SigningKey("k-1", "RS256", key.publicJwk(), "resealed",
                "mk-2", key.createdAt(), null, null));
        assertThat(keys().reseal("k-9", "resealed", "mk-2")).isFalse();
    }

    @Test
    default void deleteExpiredRemovesOnlyExpiredKeysInBoundedBatches() {
        for (int i = 0; i < 5; i++) {
            keys().insert(signingKey("expired-" + i, minutes(-100), minutes(-90), minutes(-10 - i)));
        }
        keys().insert(signingKey("active", minutes(-5), null, null));
        keys().insert(signingKey("retiring", minutes(-50), minutes(-5), minutes(10)));

        assertThat(keys().deleteExpired(NOW, 3)).isEqualTo(3);
        assertThat(keys().deleteExpired(NOW, 3)).isEqualTo(2);
        assertThat(keys().deleteExpired(NOW, 3)).isZero();
        assertThat(keys().listAll()).extracting(SigningKey::kid).containsExactly("active", "retiring");
    }

    private static SigningKey retired(SigningKey key) {
        return new SigningKey(key.kid(), key.alg(), key.publicJwk(), key.privateKeyEncrypted(), key.masterKeyId(),
                key.createdAt(), NOW, minutes(60));
    }
}
