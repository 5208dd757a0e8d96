package dev.cell.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cell.authorize.AuthorizationCode;
import dev.cell.authorize.AuthorizationRequest;
import dev.cell.authorize.PendingAuthorization;
import dev.cell.authorize.PendingLimits;
import dev.cell.authorize.ResponseMode;
import dev.cell.session.LoginSession;
import dev.cell.store.Housekeeping;
import dev.cell.store.Stores;
import dev.cell.token.StoredToken;
import dev.cell.token.TokenKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Housekeeping deletes only what has expired, in bounded batches, and may run on several nodes at once. */
class HousekeepingTest {

    @Test
    void expiredRowsGoLiveRowsStayEvenWithConcurrentRuns() throws Exception {
        try (TestServer server = TestServer.start()) {
            Stores stores = server.database.stores();
            Instant now = Instant.now();
            Instant past = now.minusSeconds(60);
            Instant future = now.plusSeconds(600);
            for (int i = 0; i < 25; i++) {
                stores.tokens().save(token("expired-" + i, past));
                stores.authorizationCodes().save(code("expired-code-" + i, past));
                stores.revokedTokens().revoke("jti-old-" + i, past);
                stores.loginSessions().save(new LoginSession("s-old-" + i, "u", past, List.of("pwd"), past, past, past));
                stores.pendingAuthorizations().saveWithin(new PendingAuthorization("p-old-" + i, "b", "192.0.2.1", pendingRequest(), null, past, past),
                        new PendingLimits(1000, 1000, 1000));
                stores.usedJtis().markUsed("iss", "old-" + i, past);
            }
            stores.tokens().save(token("live", future));
            stores.authorizationCodes().save(code("live-code", future));
            stores.revokedTokens().revoke("jti-live", future);
            stores.loginSessions().save(new LoginSession("s-live", "u", now, List.of("pwd"), now, now, future));

            Housekeeping a = new Housekeeping(Housekeeping.storeTasks(stores, Duration.ofMinutes(15), Duration.ofDays(90)), 10, java.time.Clock.systemUTC());
            Housekeeping b = new Housekeeping(Housekeeping.storeTasks(stores, Duration.ofMinutes(15), Duration.ofDays(90)), 10, java.time.Clock.systemUTC());
            List<CompletableFuture<Map<String, Integer>>> runs = new ArrayList<>();
            for (Housekeeping h : List.of(a, b, a, b)) {
                runs.add(CompletableFuture.supplyAsync(h::runOnce));
            }
            int tokensDeleted = 0;
            for (CompletableFuture<Map<String, Integer>> run : runs) {
                tokensDeleted += run.get().get("tokens");
            }
            assertThat(tokensDeleted).as("every expired token deleted exactly once across concurrent runs").isEqualTo(25);

            assertThat(stores.tokens().find("expired-3")).isEmpty();
            assertThat(stores.tokens().find("live")).isPresent();
            assertThat(stores.revokedTokens().anyRevoked(List.of("jti-old-1"))).isFalse();
            assertThat(stores.revokedTokens().anyRevoked(List.of("jti-live"))).isTrue();
            assertThat(stores.loginSessions().find("s-live", now)).isPresent();
            assertThat(stores.pendingAuthorizations().countForBrowser("b", past.minusSeconds(1))).isZero();
            assertThat(stores.usedJtis().markUsed("iss", "old-1", future)).as("the old jti row is gone").isTrue();
            assertThat(a.runOnce().values()).allMatch(n -> n == 0);
        }
    }

    private static AuthorizationRequest pendingRequest() {
        return new AuthorizationRequest("c", "https://app.example/cb", true, "code", ResponseMode.QUERY, Set.of("openid"), null, null,
                null, null, Set.of(), null, null, List.of(), null, List.of());
    }

    private static StoredToken token(String hash, Instant expires) {
        return new StoredToken(hash, TokenKind.REFRESH, "g-" + hash, "c", "u", Set.of("read"), List.of("c"), Map.of(),
                expires.minusSeconds(600), expires, expires, null, null);
    }

    private static AuthorizationCode code(String hash, Instant expires) {
        return new AuthorizationCode(hash, "g-" + hash, "c", "u", "https://c.example/cb", Set.of("openid"), "challenge", "S256", null,
                expires.minusSeconds(60), "s", Map.of(), expires.minusSeconds(60), expires);
    }
}
