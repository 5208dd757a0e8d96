package dev.cell.jdbc;

import static dev.cell.jdbc.Fixtures.NOW;
import static dev.cell.jdbc.Fixtures.accessToken;
import static dev.cell.jdbc.Fixtures.minutes;
import static dev.cell.jdbc.Fixtures.refreshToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cell.store.DuplicateException;
import dev.cell.store.TokenStore;
import dev.cell.store.TokenStore.Rotation;
import dev.cell.token.StoredToken;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Contract of {@link TokenStore}: refresh rotation and reuse detection (RFC 9700 §4.14.2), revocation. */
interface TokenStoreContract extends StoreContract {
    private TokenStore tokens() {
        return stores().tokens();
    }

    @Test
    default void savedTokensReadBackWithEveryField() {
        StoredToken refresh = refreshToken("r-1", "g-1", minutes(60));
        StoredToken access = accessToken("a-1", "g-1", minutes(5));
        tokens().save(refresh);
        tokens().save(access);

        assertThat(tokens().find("r-1")).contains(refresh);
        assertThat(tokens().find("a-1")).contains(access);
        assertThat(tokens().find("r-1").orElseThrow().audiences()).containsExactly("api-2", "api-1");
        assertThat(tokens().find("nothing")).isEmpty();
    }

    @Test
    default void takenTokenHashIsADuplicate() {
        tokens().save(refreshToken("r-1", "g-1", minutes(60)));

        assertThatThrownBy(() -> tokens().save(accessToken("r-1", "g-2", minutes(5))))
                .isInstanceOf(DuplicateException.class);
    }

    /** A refused statement names its SQLState, never the values bound to it: a token hash or user id must not reach the log. */
    @Test
    default void aFailedStatementCarriesNoBoundValue() {
        String hash = "secret-token-hash-0123456789";
        String user = "overlong-user-" + "u".repeat(300);
        StoredToken t = refreshToken(hash, "g-1", minutes(5));
        StoredToken tooLong = new StoredToken(t.tokenHash(), t.kind(), t.grantId(), t.clientId(), user, t.scopes(), t.audiences(),
                t.claims(), t.issuedAt(), t.expiresAt(), t.absoluteExpiresAt(), null, null);

        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> tokens().save(tooLong));
        assertThat(thrown).isNotNull();
        java.io.StringWriter trace = new java.io.StringWriter();
        thrown.printStackTrace(new java.io.PrintWriter(trace));
        assertThat(trace.toString()).contains("22001").doesNotContain(hash).doesNotContain("uuuuuuuuuu").doesNotContain("g-1");
    }

    @Test
    default void rotationConsumesTheOldTokenAndSavesTheReplacement() {
        StoredToken old = refreshToken("r-1", "g-1", minutes(60));
        tokens().save(old);
        StoredToken replacement = refreshToken("r-2", "g-1", minutes(120));

        Rotation rotation = tokens().rotate("r-1", replacement, NOW);

        assertThat(rotation).isEqualTo(new Rotation.Rotated(consumed(old, NOW)));
        assertThat(tokens().find("r-1")).contains(consumed(old, NOW));
        assertThat(tokens().find("r-2")).contains(replacement);
    }

    @Test
    default void rotatingARotatedTokenIsReuse() {
        StoredToken old = refreshToken("r-1", "g-1", minutes(60));
        tokens().save(old);
        tokens().rotate("r-1", refreshToken("r-2", "g-1", minutes(120)), NOW);

        Rotation again = tokens().rotate("r-1", refreshToken("r-3", "g-1", minutes(120)), minutes(1));

        assertThat(again).isEqualTo(new Rotation.Reused(consumed(old, NOW)));
        assertThat(tokens().find("r-3")).isEmpty();
    }

    @Test
    default void unknownRevokedExpiredOrAccessTokensDoNotRotate() {
        tokens().save(accessToken("a-1", "g-1", minutes(5)));
        tokens().save(refreshToken("r-revoked", "g-1", minutes(60)));
        tokens().revoke("r-revoked", NOW);
        tokens().save(refreshToken("r-expired", "g-1", minutes(-1)));

        for (String hash : List.of("unknown", "a-1", "r-revoked", "r-expired")) {
            StoredToken replacement = refreshToken("new-" + hash, "g-1", minutes(120));
            assertThat(tokens().rotate(hash, replacement, NOW)).as(hash).isEqualTo(new Rotation.Invalid());
            assertThat(tokens().find("new-" + hash)).as(hash).isEmpty();
        }
        assertThat(tokens().find("r-expired").orElseThrow().consumedAt()).isNull();
    }

    @Test
    default void exactlyOneOfManyConcurrentRotationsWins() throws Exception {
        tokens().save(refreshToken("r-race", "g-1", minutes(60)));

        List<Rotation> results = Race.run(32,
                i -> tokens().rotate("r-race", refreshToken("next-" + i, "g-1", minutes(120)), NOW));

        assertThat(results).filteredOn(r -> r instanceof Rotation.Rotated).hasSize(1);
        assertThat(results).filteredOn(r -> r instanceof Rotation.Reused).hasSize(31);
        long saved = IntStream.range(0, 32).filter(i -> tokens().find("next-" + i).isPresent()).count();
        assertThat(saved).isEqualTo(1);
    }

    @Test
    default void revokeMarksOneTokenOnce() {
        tokens().save(accessToken("a-1", "g-1", minutes(5)));

        assertThat(tokens().revoke("a-1", NOW)).isTrue();
        assertThat(tokens().revoke("a-1", minutes(1))).isFalse();
        assertThat(tokens().revoke("unknown", NOW)).isFalse();
        assertThat(tokens().find("a-1").orElseThrow().revokedAt()).isEqualTo(NOW);
    }

    @Test
    default void revokeGrantRevokesTheWholeFamilyAndNothingElse() {
        tokens().save(refreshToken("r-1", "g-1", minutes(60)));
        tokens().save(refreshToken("r-2", "g-1", minutes(60)));
        tokens().save(accessToken("a-1", "g-1", minutes(5)));
        tokens().revoke("a-1", minutes(-1));
        tokens().save(refreshToken("r-other", "g-2", minutes(60)));

        assertThat(tokens().revokeGrant("g-1", NOW)).isEqualTo(2);
        assertThat(tokens().revokeGrant("g-1", minutes(1))).isZero();

        assertThat(tokens().find("r-1").orElseThrow().revokedAt()).isEqualTo(NOW);
        assertThat(tokens().find("r-2").orElseThrow().revokedAt()).isEqualTo(NOW);
        assertThat(tokens().find("a-1").orElseThrow().revokedAt()).isEqualTo(minutes(-1));
        assertThat(tokens().find("r-other").orElseThrow().revokedAt()).isNull();
    }

    @Test
    default void deleteExpiredRemovesOnlyExpiredTokensInBoundedBatches() {
        for (int i = 0; i < 5; i++) {
            tokens().save(accessToken("expired-" + i, "g-1", minutes(-1 - i)));
        }
        for (int i = 0; i < 3; i++) {
            tokens().save(refreshToken("live-" + i, "g-1", minutes(1 + i)));
        }

        assertThat(tokens().deleteExpired(NOW, 3)).isEqualTo(3);
        assertThat(tokens().deleteExpired(NOW, 3)).isEqualTo(2);
        assertThat(tokens().deleteExpired(NOW, 3)).isZero();
        assertThat(tokens().find("expired-4")).isEmpty();
        assertThat(List.of("live-0", "live-1", "live-2")).allSatisfy(h -> assertThat(tokens().find(h)).isPresent());
    }

    private static StoredToken consumed(StoredToken t, Instant at) {
        return new StoredToken(t.tokenHash(), t.kind(), t.grantId(), t.clientId(), t.userId(), t.scopes(),
                t.audiences(), t.claims(), t.issuedAt(), t.expiresAt(), t.absoluteExpiresAt(), at, t.revokedAt());
    }
}
