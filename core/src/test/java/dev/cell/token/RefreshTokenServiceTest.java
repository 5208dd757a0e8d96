package dev.cell.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cell.client.Client;
import dev.cell.error.OAuthError;
import dev.cell.error.OAuthException;
import dev.cell.support.TestWorld;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class RefreshTokenServiceTest {
    private final TestWorld w = new TestWorld();
    private final Client web = TestWorld.client("web");
    private final RefreshTokenService service = w.refreshTokens;

    private StoredToken stored(String token) {
        return w.tokens.find(TokenHasher.orderedHash(token)).orElseThrow();
    }

    private static Instant ms(Instant t) {
        return t.truncatedTo(ChronoUnit.MILLIS);
    }

    @Test
    void aNewFamilyExpiresAfterTheIdleTimeWithinTheAbsoluteEnd() {
        Instant now = w.clock.instant();
        String token = service.issue(web, "u1", Set.of("read"), "g1", Map.of("auth_time", 5L), List.of());
        StoredToken t = stored(token);
        assertThat(t.kind()).isEqualTo(TokenKind.REFRESH);
        assertThat(t.tokenHash()).isNotEqualTo(token);
        assertThat(t.grantId()).isEqualTo("g1");
        assertThat(t.userId()).isEqualTo("u1");
        assertThat(t.clientId()).isEqualTo("web");
        assertThat(t.claims()).containsEntry("auth_time", 5L);
        assertThat(t.expiresAt()).isEqualTo(ms(now.plus(TestWorld.IDLE)));
        assertThat(t.absoluteExpiresAt()).isEqualTo(ms(now.plus(TestWorld.ABSOLUTE)));
    }

    @Test
    void aTokenStoredUnderItsPlainHashBeforeOrderedTokensStillRotates() {
        String legacy = w.random.token();
        Instant now = w.clock.instant();
        w.tokens.save(new StoredToken(TokenHasher.hash(legacy), TokenKind.REFRESH, "g-old", "web", "u1", Set.of("read"), List.of(),
                Map.of(), now, now.plus(TestWorld.IDLE), now.plus(TestWorld.ABSOLUTE), null, null));
        RefreshTokenService.Rotated r = service.rotate(legacy, web, Set.of(), List.of(), null);
        assertThat(r.previous().grantId()).isEqualTo("g-old");
        assertThat(stored(r.newToken()).grantId()).as("the replacement is an ordered token").isEqualTo("g-old");
        assertThat(r.newToken()).hasSize(RandomValues.ORDERED_TOKEN_LENGTH);
    }

    @Test
    void aFamilyIsStoredInTheOrderItsTokensWereIssued() {
        List<String> keys = new ArrayList<>();
        String token = service.issue(web, "u1", Set.of("read"), "g1", Map.of(), List.of());
        keys.add(stored(token).tokenHash());
        for (int i = 0; i < 5; i++) {
            w.clock.advance(Duration.ofMinutes(7));
            token = service.rotate(token, web, Set.of(), List.of(), null).newToken();
            keys.add(stored(token).tokenHash());
        }
        assertThat(keys).isSorted();
    }

    @Test
    void aReplacementKeepsTheFamilyAndItsAbsoluteEnd() {
        String token = service.issue(web, "u1", Set.of("read", "write"), "g1", Map.of("auth_time", 5L), List.of());
        Instant end = stored(token).absoluteExpiresAt();
        w.clock.advance(Duration.ofDays(10));
        RefreshTokenService.Rotated r = service.rotate(token, web, Set.of("read"), List.of(), null);
        assertThat(r.previous().tokenHash()).isEqualTo(TokenHasher.orderedHash(token));
        StoredToken next = stored(r.newToken());
        assertThat(next.grantId()).isEqualTo("g1");
        assertThat(next.scopes()).containsExactlyInAnyOrder("read", "write");
        assertThat(next.claims()).containsEntry("auth_time", 5L);
        assertThat(next.absoluteExpiresAt()).isEqualTo(end);
        assertThat(next.expiresAt()).isEqualTo(ms(w.clock.instant().plus(TestWorld.IDLE)));
    }

    @Test
    void noTokenOutlivesTheAbsoluteEnd() {
        String token = service.issue(web, "u1", Set.of("read"), "g1", Map.of(), List.of());
        Instant end = stored(token).absoluteExpiresAt();
        for (int i = 0; i < 8; i++) {
            w.clock.advance(Duration.ofDays(10));
            token = service.rotate(token, web, Set.of(), List.of(), null).newToken();
        }
        assertThat(stored(token).expiresAt()).as("capped at the family's end").isEqualTo(end);
        w.clock.advance(Duration.ofDays(10));
        String last = token;
        assertThatThrownBy(() -> service.rotate(last, web, Set.of(), List.of(), null))
                .isInstanceOfSatisfying(OAuthException.class, e -> assertThat(e.error()).isEqualTo(OAuthError.INVALID_GRANT));
    }

    @Test
    void onlyRefreshTokensRotate() {
        Client opaque = TestWorld.client("opaque", AccessTokenFormat.OPAQUE, Set.of("refresh_token"), List.of(TestWorld.REDIRECT));
        String access = w.accessTokens.issue(new AccessTokenRequest(opaque, "u1", Set.of("read"), "g1", Map.of())).value();
        assertThatThrownBy(() -> service.rotate(access, opaque, Set.of("admin"), List.of(), null))
                .isInstanceOfSatisfying(OAuthException.class, e -> assertThat(e.error()).isEqualTo(OAuthError.INVALID_GRANT));
    }

    @Test
    void aRevokedTokenIsInvalidWithoutRevokingTheFamily() {
        String token = service.issue(web, "u1", Set.of("read"), "g1", Map.of(), List.of());
        String sibling = service.issue(web, "u1", Set.of("read"), "g1", Map.of(), List.of());
        w.tokens.revoke(TokenHasher.orderedHash(token), w.clock.instant());
        assertThatThrownBy(() -> service.rotate(token, web, Set.of(), List.of(), null)).hasMessageNotContaining("reuse");
        assertThat(service.rotate(sibling, web, Set.of(), List.of(), null).newToken()).isNotNull();
    }

    @Test
    void concurrentRotationsHaveOneWinnerAndTheLoserRevokesTheFamily() throws Exception {
        String token = service.issue(web, "u1", Set.of("read"), "g1", Map.of(), List.of());
        int n = 8;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(n)) {
            for (int i = 0; i < n; i++) {
                Callable<String> task = () -> {
                    start.await();
                    try {
                        return service.rotate(token, web, Set.of(), List.of(), null).newToken();
                    } catch (OAuthException e) {
                        return null;
                    }
                };
                results.add(pool.submit(task));
            }
            start.countDown();
            List<String> winners = new ArrayList<>();
            for (Future<String> f : results) {
                if (f.get() != null) {
                    winners.add(f.get());
                }
            }
            assertThat(winners).hasSize(1);
            assertThat(stored(winners.get(0)).revokedAt()).as("reuse revoked the winner's token too").isNotNull();
            assertThat(w.revoked.all()).containsKey("g1");
        }
    }
}
