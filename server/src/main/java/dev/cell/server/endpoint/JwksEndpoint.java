package dev.cell.server.endpoint;

import dev.cell.keys.KeyService;
import dev.cell.server.http.Responses;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;

/** The JWK Set {@code /oauth/jwks} (RFC 7517 §5): public parts of every published key, active and retiring. */
public final class JwksEndpoint {
    private final KeyService keys;

    public JwksEndpoint(KeyService keys) {
        this.keys = keys;
    }

    public void handle(Context ctx) {
        ctx.header("Cache-Control", "public, max-age=60");
        ctx.status(200).contentType("application/jwk-set+json;charset=UTF-8")
                .result(keys.ring().jwksJson().getBytes(StandardCharsets.UTF_8));
    }

    /** The legacy Spring Security OAuth {@code /oauth/token_key}: the active RSA public key as PEM. */
    public void tokenKey(Context ctx) {
        byte[] body = keys.ring().tokenKeyJson()
                .orElse("{\"error\":\"invalid_request\",\"error_description\":\"no RSA signing key is configured (keys.algorithms)\"}")
                .getBytes(StandardCharsets.UTF_8);
        Responses.json(ctx, keys.ring().tokenKeyJson().isPresent() ? 200 : 404, body);
    }
}
