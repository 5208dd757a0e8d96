package dev.cell.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Refresh-token rotation (RFC 6749 §6, OAuth 2.1 §4.3.1): each connection signs in once, then every iteration trades
 * its refresh token for a new pair and keeps the new refresh token for the next one.
 */
final class RefreshScenario implements Scenario {
    private static final byte[] EXPECT = "\"refresh_token\"".getBytes(StandardCharsets.UTF_8);

    private final SetupClient login;

    RefreshScenario(SetupClient login) {
        this.login = login;
    }

    @Override
    public Iteration begin() throws IOException, InterruptedException {
        String first = JsonField.string(login.redeem(login.signIn().code()), "refresh_token");
        if (first == null) {
            throw new IOException("no refresh_token in the code exchange: the client needs the refresh_token grant"
                    + " and the scope offline_access");
        }
        return new Chain(first);
    }

    /** One connection's current refresh token. */
    private final class Chain implements Iteration {
        private String refreshToken;

        Chain(String refreshToken) {
            this.refreshToken = refreshToken;
        }

        @Override
        public Outcome run(HttpConnection c) throws IOException {
            c.exchange(RawRequest.post(login.tokenEndpoint(), login.authorization(),
                    "grant_type=refresh_token&refresh_token=" + RawRequest.form(refreshToken)), EXPECT, true);
            Outcome outcome = Scenario.judge(c, 200);
            String next = outcome == Outcome.OK ? JsonField.string(c.body(), "refresh_token") : null;
            if (next == null) {
                return outcome == Outcome.OK ? Outcome.WRONG_BODY : outcome;
            }
            refreshToken = next;
            return Outcome.OK;
        }
    }
}
