package dev.cell.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Token introspection (RFC 7662 §2): each connection gets one access token with client_credentials, then every
 * iteration asks the introspection endpoint about it and expects {@code "active":true}.
 */
final class IntrospectionScenario implements Scenario {
    private static final byte[] EXPECT = "\"active\":true".getBytes(StandardCharsets.UTF_8);

    private final SetupClient client;
    private final String tokenRequestBody;

    IntrospectionScenario(SetupClient client, String tokenRequestBody) {
        this.client = client;
        this.tokenRequestBody = tokenRequestBody;
    }

    @Override
    public Iteration begin() throws IOException, InterruptedException {
        String token = JsonField.string(client.tokenRequest(tokenRequestBody), "access_token");
        if (token == null) {
            throw new IOException("no access_token to introspect");
        }
        byte[] request = RawRequest.post(client.tokenEndpoint().resolve("introspect"), client.authorization(),
                "token=" + RawRequest.form(token));
        return c -> {
            c.exchange(request, EXPECT);
            return Scenario.judge(c, 200);
        };
    }
}
