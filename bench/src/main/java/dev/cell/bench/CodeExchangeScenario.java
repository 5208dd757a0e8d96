package dev.cell.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * The whole authorization-code exchange of a signed-in browser (RFC 6749 §4.1, PKCE per RFC 7636): each connection
 * signs in once; every iteration sends the authorization request with the session cookie, takes the code from the
 * redirect and redeems it at the token endpoint. Two requests per iteration.
 */
final class CodeExchangeScenario implements Scenario {
    private static final byte[] NOTHING = new byte[0];
    private static final byte[] EXPECT = "\"access_token\"".getBytes(StandardCharsets.UTF_8);

    private final SetupClient login;

    CodeExchangeScenario(SetupClient login) {
        this.login = login;
    }

    @Override
    public Iteration begin() throws IOException, InterruptedException {
        SetupClient.Session session = login.signIn();
        login.redeem(session.code());
        byte[] authorize = RawRequest.get(login.authorizationRequest(), session.cookie());
        return c -> {
            c.exchange(authorize, NOTHING);
            if (c.status() != 302 && c.status() != 303) {
                return Outcome.WRONG_STATUS;
            }
            String location = c.location();
            String code = location.isEmpty() ? null : SetupClient.queryParameter(URI.create(location).getRawQuery(), "code");
            if (code == null) {
                return Outcome.WRONG_BODY;
            }
            c.exchange(RawRequest.post(login.tokenEndpoint(), login.authorization(), login.codeExchangeBody(code)), EXPECT);
            return Scenario.judge(c, 200);
        };
    }
}
