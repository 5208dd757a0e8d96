package dev.cell.grant;

import dev.cell.account.LoginRateLimiter;
import dev.cell.account.PasswordHasher;
import dev.cell.account.User;
import dev.cell.client.Client;
import dev.cell.error.OAuthError;
import dev.cell.error.OAuthException;
import dev.cell.session.GrantRecorder;
import dev.cell.store.UserStore;
import dev.cell.token.LegacyClaims;
import dev.cell.token.RandomValues;
import java.time.Clock;
import java.util.Map;
import java.util.Set;

/**
 * The resource owner password credentials grant (RFC 6749 §4.3), removed by OAuth 2.1: only for clients registered
 * for it while the feature is on, with the login page's Argon2id check and rate limits.
 */
public final class PasswordGrant implements GrantHandler {
    public static final String GRANT_TYPE = "password";
    private static final Set<String> PARAMETERS = Set.of("username", "password", "scope");
    /** The {@link OAuthException#reason} of an attempt refused by the login limits (RFC 9700 §4.13). */
    public static final String RATE_LIMITED = "rate_limited";

    private final UserStore users;
    private final PasswordHasher hasher;
    private final LoginRateLimiter limiter;
    private final RandomValues random;
    private final GrantRecorder recorder;
    private final Clock clock;

    /** @param recorder records each grant, so a password change or a disabled user ends it */
    public PasswordGrant(UserStore users, PasswordHasher hasher, LoginRateLimiter limiter, RandomValues random, GrantRecorder recorder,
            Clock clock) {
        this.users = users;
        this.hasher = hasher;
        this.limiter = limiter;
        this.random = random;
        this.recorder = recorder;
        this.clock = clock;
    }

    @Override
    public String grantType() {
        return GRANT_TYPE;
    }

    @Override
    public Set<String> parameters() {
        return PARAMETERS;
    }

    @Override
    public Issuance handle(TokenRequest request) {
        Client client = request.client();
        String username = request.parameter("username");
        String password = request.parameter("password");
        if (username == null || password == null) {
            throw OAuthException.invalidRequest("username and password are required (RFC 6749 section 4.3.2)");
        }
        LoginRateLimiter.Attempt attempt = limiter.reserve(username, null, null, request.clientAddress());
        if (!attempt.allowed()) {
            throw new OAuthException(OAuthError.INVALID_GRANT, "too many failed sign-ins; try again later", 429).withReason(RATE_LIMITED);
        }
        User user = users.findByUsername(username).orElse(null);
        boolean ok = hasher.verify(password, user == null ? null : user.passwordHash()) && user != null && !user.disabled();
        if (!ok) {
            throw new OAuthException(OAuthError.INVALID_GRANT, "the username or password is wrong");
        }
        limiter.succeeded(attempt);
        Set<String> granted = Scopes.grant(Scopes.parse(request.parameter("scope")), client.scopes());
        String grantId = random.orderedId();
        recorder.record(grantId, user.id(), client.clientId(), null);
        Map<String, Object> claims = LegacyClaims.add(Map.of("auth_time", clock.instant().getEpochSecond()), client, user);
        return Issuance.accessToken(user.id(), granted, grantId, claims).withRefresh(Issuance.Refresh.NEW)
                .withResources(request.resources());
    }
}
