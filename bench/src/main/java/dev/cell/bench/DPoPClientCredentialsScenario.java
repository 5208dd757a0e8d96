package dev.cell.bench;

import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * client_credentials with a DPoP proof (RFC 9449 §5): each iteration signs a fresh proof (the client's cost, measured
 * with the rest) and the server verifies it, checks its jti once and binds the token; 200 with {@code "token_type":"DPoP"}.
 */
final class DPoPClientCredentialsScenario implements Scenario {
    private static final byte[] EXPECT = "\"token_type\":\"DPoP\"".getBytes(StandardCharsets.UTF_8);

    private final URI url;
    private final String authorization;
    private final String body;

    DPoPClientCredentialsScenario(URI url, String authorization, String body) {
        this.url = url;
        this.authorization = authorization;
        this.body = body;
    }

    @Override
    public Iteration begin() {
        DPoPProofs proofs = new DPoPProofs(url);
        return c -> {
            c.exchange(RawRequest.post(url, authorization, "DPoP: " + proofs.next(), body), EXPECT);
            return Scenario.judge(c, 200);
        };
    }
}
