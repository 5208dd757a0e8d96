package dev.cell.server.endpoint;

import dev.cell.client.Client;
import dev.cell.client.ClientAuthentication;
import dev.cell.dpop.DPoPBinding;
import dev.cell.dpop.DPoPVerifier;
import dev.cell.error.OAuthException;
import dev.cell.introspect.ActiveToken;
import dev.cell.introspect.IntrospectionService;
import dev.cell.server.http.FormRequest;
import dev.cell.server.http.Responses;
import dev.cell.token.AccessTokenIssuer;
import dev.cell.token.ExternalSubject;
import dev.cell.token.Json;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.net.URI;
import java.util.Collections;
import java.util.Optional;

/**
 * Token introspection {@code /oauth/introspect} (RFC 7662 §2): any confidential client (a resource server is one)
 * asks about a token; an inactive token gets {@code {"active":false}} and nothing else. A caller's DPoP proof, when it
 * sends one, is checked as at the token endpoint (RFC 9449 §4.3).
 */
public final class IntrospectionEndpoint {
    private static final byte[] INACTIVE = "{\"active\":false}".getBytes(StandardCharsets.UTF_8);

    private final ClientAuthentication authentication;
    private final IntrospectionService introspection;
    private final String issuer;
    private final int maxRequestBytes;
    private final DPoPVerifier dpop;
    private final URI endpoint;

    /**
     * @param dpop the DPoP verifier, or null when DPoP is off (a {@code DPoP} header is then ignored)
     * @param endpoint this endpoint's URL, which the {@code htu} of a caller's DPoP proof names
     */
    public IntrospectionEndpoint(ClientAuthentication authentication, IntrospectionService introspection, String issuer, int maxRequestBytes,
            DPoPVerifier dpop, URI endpoint) {
        this.authentication = authentication;
        this.introspection = introspection;
        this.issuer = issuer;
        this.maxRequestBytes = maxRequestBytes;
        this.dpop = dpop;
        this.endpoint = endpoint;
    }

    public void handle(Context ctx) {
        FormRequest request = FormRequest.read(ctx, maxRequestBytes);
        Client caller = authenticateResourceServer(authentication, request);
        if (dpop != null) {
            dpop.verifyTokenRequest(endpoint, caller.clientId(), Collections.list(ctx.req().getHeaders(DPoPVerifier.HEADER)));
        }
        String token = request.parameters().get("token");
        if (token == null) {
            throw OAuthException.invalidRequest("token is missing");
        }
        Optional<ActiveToken> active = introspection.introspect(token, request.parameters().get("token_type_hint"));
        if (active.isEmpty()) {
            Responses.noStoreJson(ctx, 200, INACTIVE);
            return;
        }
        ActiveToken t = active.get();
        byte[] body = Json.write(g -> {
            g.writeStartObject();
            g.writeBooleanField("active", true);
            if (!t.scopes().isEmpty()) {
                g.writeStringField("scope", AccessTokenIssuer.scopeString(t.scopes()));
            }
            g.writeStringField("client_id", t.clientId());
            if (t.username() != null) {
                g.writeStringField("username", t.username());
            }
            g.writeStringField("token_type", !t.tokenType().equals("access_token") ? "refresh_token" : t.jkt() != null ? "DPoP" : "Bearer");
            if (t.jkt() != null) {
                g.writeObjectFieldStart(DPoPBinding.CNF);
                g.writeStringField(DPoPBinding.JKT, t.jkt());
                g.writeEndObject();
            }
            g.writeNumberField("exp", t.expiresAt().getEpochSecond());
            if (t.issuedAt() != null) {
                g.writeNumberField("iat", t.issuedAt().getEpochSecond());
            }
            g.writeStringField("sub", t.subject());
            if (t.act() != null) {
                g.writeObjectField("act", t.act());
            }
            if (t.externalSubject() != null) {
                g.writeObjectField(ExternalSubject.CLAIM, t.externalSubject().claims().get(ExternalSubject.CLAIM));
            }
            g.writeArrayFieldStart("aud");
            for (String a : t.audiences()) {
                g.writeString(a);
            }
            g.writeEndArray();
            g.writeStringField("iss", issuer);
            if (t.jti() != null) {
                g.writeStringField("jti", t.jti());
            }
            g.writeEndObject();
        });
        Responses.noStoreJson(ctx, 200, body);
    }

    /** Introspection is for confidential clients only: a public client proves nothing (RFC 7662 §2.1). */
    static Client authenticateResourceServer(ClientAuthentication authentication, FormRequest request) {
        Client caller = authentication.authenticate(request.basic(), request.parameters());
        if (!caller.isConfidential()) {
            throw OAuthException.invalidClient(ClientAuthentication.FAILED);
        }
        return caller;
    }
}
