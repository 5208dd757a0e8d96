package dev.cell.demo.client;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;

/**
 * Calls the notes API with a usable access token: refreshes it first when it is about to expire, and once more when the
 * API answers {@code invalid_token} anyway (clocks differ, or the token was revoked), then retries (RFC 6749 §6).
 */
final class ApiCaller {
    private static final Duration EARLY = Duration.ofSeconds(30);

    private final CellOidc oidc;
    private final Clock clock;

    ApiCaller(CellOidc oidc, Clock clock) {
        this.oidc = oidc;
        this.clock = clock;
    }

    NotesApi.Answer call(SignedIn user, Function<String, NotesApi.Answer> request) {
        if (!clock.instant().isBefore(user.tokens().expiresAt().minus(EARLY))) {
            user.tokens(oidc.refresh(user.tokens()));
        }
        NotesApi.Answer answer = request.apply(user.tokens().accessToken());
        if (answer.invalidToken()) {
            user.tokens(oidc.refresh(user.tokens()));
            answer = request.apply(user.tokens().accessToken());
        }
        return answer;
    }
}
