package dev.cell.jdbc;

import static dev.cell.jdbc.Fixtures.NOW;
import static dev.cell.jdbc.Fixtures.id;
import static dev.cell.jdbc.Fixtures.minutes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cell.registration.InitialAccessToken;
import dev.cell.store.InitialAccessTokenStore;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Contract of {@link InitialAccessTokenStore}: initial access tokens (RFC 7591 section 3), used up atomically. */
interface InitialAccessTokenStoreContract extends StoreContract {
    private InitialAccessTokenStore iats() {
        return stores().initialAccessTokens();
    }

    private InitialAccessToken token(Integer uses, long expiresInMinutes, String... scopes) {
        InitialAccessToken t = new InitialAccessToken(id("iat"), Set.of(scopes), uses, "cli:ops", minutes(-1), minutes(expiresInMinutes));
        iats().create(t, "hash-" + t.id());
        return t;
    }

    @Test
    default void aTokenIsFoundByItsHashWithItsScopesAndUses() {
        InitialAccessToken t = token(3, 60, "notes.read", "openid");

        assertThat(iats().findUsable("hash-" + t.id(), NOW)).contains(t);
        assertThat(iats().findUsable("hash-unknown", NOW)).isEmpty();
        assertThat(iats().findUsable("hash-" + t.id(), minutes(61))).as("expired").isEmpty();
    }

    @Test
    default void aCountedTokenIsUsedUpAndAMultipleUseOneIsNot() {
        InitialAccessToken twice = token(2, 60);
        InitialAccessToken multiple = token(null, 60);

        assertThat(iats().consume(twice.id(), NOW)).isTrue();
        assertThat(iats().findUsable("hash-" + twice.id(), NOW).orElseThrow().usesLeft()).isEqualTo(1);
        assertThat(iats().consume(twice.id(), NOW)).isTrue();
        assertThat(iats().consume(twice.id(), NOW)).isFalse();
        assertThat(iats().findUsable("hash-" + twice.id(), NOW)).isEmpty();
        for (int i = 0; i < 5; i++) {
            assertThat(iats().consume(multiple.id(), NOW)).isTrue();
        }
        assertThat(iats().findUsable("hash-" + multiple.id(), NOW).orElseThrow().multipleUse()).isTrue();
        assertThat(iats().consume(multiple.id(), minutes(61))).as("expired").isFalse();
    }

    @Test
    default void ofManyConcurrentUsesOfASingleUseTokenExactlyOneWins() throws Exception {
        InitialAccessToken once = token(1, 60);

        List<Boolean> used = Race.run(16, i -> iats().consume(once.id(), NOW));

        assertThat(used).filteredOn(Boolean::booleanValue).hasSize(1);
    }

    @Test
    default void revokedAndExpiredTokensAreGoneAndTheListShowsTheRestNewestFirst() {
        InitialAccessToken kept = token(1, 60);
        InitialAccessToken revoked = token(1, 60);
        token(1, -5);
        token(1, -10);

        assertThat(iats().delete(revoked.id())).isTrue();
        assertThat(iats().delete(revoked.id())).isFalse();
        assertThat(iats().findUsable("hash-" + revoked.id(), NOW)).isEmpty();
        assertThat(iats().list(NOW, 10)).extracting(InitialAccessToken::id).containsExactly(kept.id());
        assertThat(iats().deleteExpired(NOW, 1)).isEqualTo(1);
        assertThat(iats().deleteExpired(NOW, 10)).isEqualTo(1);
        assertThat(iats().deleteExpired(NOW, 10)).isZero();
        assertThat(iats().findUsable("hash-" + kept.id(), NOW)).isPresent();
    }
}
