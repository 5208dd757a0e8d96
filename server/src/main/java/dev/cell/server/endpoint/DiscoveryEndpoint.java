package dev.cell.server.endpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.cell.server.http.Responses;
import dev.cell.token.Json;
import io.javalin.http.Context;
import java.util.Map;

/** {@code /.well-known/openid-configuration} (OIDC Discovery 1.0 §4) and {@code /.well-known/oauth-authorization-server} (RFC 8414 §3). */
public final class DiscoveryEndpoint {
    private final byte[] document;

    public DiscoveryEndpoint(Map<String, Object> metadata) {
        try {
            this.document = Json.MAPPER.writeValueAsBytes(metadata);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public void handle(Context ctx) {
        ctx.header("Cache-Control", "public, max-age=300");
        Responses.json(ctx, 200, document);
    }
}
