package dev.cell.server.endpoint;

import dev.cell.grant.TokenRequestProcessor;
import dev.cell.grant.TokenResponse;
import dev.cell.server.http.FormRequest;
import dev.cell.server.http.Responses;
import dev.cell.token.Json;
import io.javalin.http.Context;

/** The token endpoint {@code /oauth/token} (RFC 6749 §3.2): POST, form-encoded, answers per §5.1 and §5.2. */
public final class TokenEndpoint {
    private final TokenRequestProcessor processor;
    private final int maxRequestBytes;

    public TokenEndpoint(TokenRequestProcessor processor, int maxRequestBytes) {
        this.processor = processor;
        this.maxRequestBytes = maxRequestBytes;
    }

    public void handle(Context ctx) {
        FormRequest request = FormRequest.read(ctx, maxRequestBytes);
        TokenResponse r = processor.process(request.basic(), request.parameters(), ctx.ip()).response();
        byte[] body = Json.write(g -> {
            g.writeStartObject();
            g.writeStringField("access_token", r.accessToken());
            g.writeStringField("token_type", r.tokenType());
            g.writeNumberField("expires_in", r.expiresIn());
            if (r.scope() != null) {
                g.writeStringField("scope", r.scope());
            }
            if (r.refreshToken() != null) {
                g.writeStringField("refresh_token", r.refreshToken());
            }
            if (r.idToken() != null) {
                g.writeStringField("id_token", r.idToken());
            }
            g.writeEndObject();
        });
        Responses.noStoreJson(ctx, 200, body);
    }
}
