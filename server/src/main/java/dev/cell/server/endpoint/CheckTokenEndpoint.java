package dev.cell.server.endpoint;

import dev.cell.client.ClientAuthentication;
import dev.cell.error.OAuthError;
import dev.cell.error.OAuthException;
import dev.cell.introspect.ActiveToken;
import dev.cell.introspect.IntrospectionService;
import dev.cell.server.http.FormParser;
import dev.cell.server.http.FormRequest;
import dev.cell.server.http.Responses;
import dev.cell.token.Json;
import io.javalin.http.Context;
import java.util.Map;
import java.util.TreeSet;

/**
 * Spring Security OAuth 2.x's {@code /oauth/check_token}: a resource server authenticated with Basic asks about a token
 * and gets that project's shape ({@code active, exp, user_name, authorities, client_id, scope, aud}); an unknown token
 * gets its {@code 400 invalid_token "Token was not recognised"}.
 */
public final class CheckTokenEndpoint {
    private final ClientAuthentication authentication;
    private final IntrospectionService introspection;
    private final int maxRequestBytes;

    public CheckTokenEndpoint(ClientAuthentication authentication, IntrospectionService introspection, int maxRequestBytes) {
        this.authentication = authentication;
        this.introspection = introspection;
        this.maxRequestBytes = maxRequestBytes;
    }

    public void handle(Context ctx) {
        boolean post = ctx.method().name().equals("POST");
        Map<String, String> params = post ? FormRequest.readBody(ctx, maxRequestBytes) : FormParser.parse(ctx.queryString());
        String authorization = ctx.header("Authorization");
        FormRequest request = new FormRequest(params, authorization == null ? null : dev.cell.client.BasicCredentials.parse(authorization));
        IntrospectionEndpoint.authenticateResourceServer(authentication, request);
        String token = params.get("token");
        if (token == null) {
            throw OAuthException.invalidRequest("token is missing");
        }
        ActiveToken t = introspection.introspect(token, "access_token").filter(a -> a.tokenType().equals("access_token"))
                .orElseThrow(() -> new OAuthException(OAuthError.INVALID_TOKEN, "Token was not recognised", 400));
        byte[] body = Json.write(g -> {
            g.writeStartObject();
            g.writeBooleanField("active", true);
            g.writeNumberField("exp", t.expiresAt().getEpochSecond());
            if (t.username() != null) {
                g.writeStringField("user_name", t.username());
            }
            g.writeArrayFieldStart("authorities");
            for (String a : new TreeSet<>(t.authorities())) {
                g.writeString(a);
            }
            g.writeEndArray();
            g.writeStringField("client_id", t.clientId());
            g.writeArrayFieldStart("scope");
            for (String s : new TreeSet<>(t.scopes())) {
                g.writeString(s);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("aud");
            for (String a : t.audiences()) {
                g.writeString(a);
            }
            g.writeEndArray();
            if (t.jti() != null) {
                g.writeStringField("jti", t.jti());
            }
            g.writeEndObject();
        });
        Responses.noStoreJson(ctx, 200, body);
    }
}
