package dev.cell.bench;

import java.nio.charset.StandardCharsets;

/** One fixed token request per iteration (RFC 6749 §4.4, client_credentials): 200 with the expected text. */
final class ClientCredentialsScenario implements Scenario {
    private final byte[] request;
    private final byte[] expect;

    ClientCredentialsScenario(byte[] request, String expect) {
        this.request = request;
        this.expect = expect.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Iteration begin() {
        return c -> {
            c.exchange(request, expect);
            return Scenario.judge(c, 200);
        };
    }
}
