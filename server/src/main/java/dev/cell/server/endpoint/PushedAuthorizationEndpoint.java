package dev.cell.server.endpoint;

import dev.cell.authorize.PushedAuthorizationRequests;
import dev.cell.client.Client;
import dev.cell.client.ClientAuthentication;
import dev.cell.server.http.FormRequest;
import dev.cell.server.http.Responses;
import dev.cell.token.Json;
import io.javalin.http.Context;

/**
 * The pushed authorization request endpoint {@code /oauth/par} (RFC 9126 §2): a form POST, the client authenticated by
 * any method the token endpoint accepts, answered 201 with {@code request_uri} and {@code expires_in} (§2.2) or a JSON
 * error (§2.3).
 */
public final class PushedAuthorizationEndpoint {
    private final ClientAuthentication authentication;
    private final PushedAuthorizationRequests requests;
    private final int maxRequestBytes;

    public PushedAuthorizationEndpoint(ClientAuthentication authentication, PushedAuthorizationRequests requests, int maxRequestBytes) {
        this.authentication = authentication;
        this.requests = requests;
        this.maxRequestBytes = maxRequestBytes;
    }

    public void handle(Context ctx) {
        FormRequest form = FormRequest.read(ctx, maxRequestBytes);
        Client client = authentication.authenticate(form.basic(), form.parameters());
        PushedAuthorizationRequests.Pushed pushed = requests.push(client, form.parameters());
        Responses.noStoreJson(ctx, 201, Json.write(g -> {
            g.writeStartObject();
            g.writeStringField("request_uri", pushed.requestUri());
            g.writeNumberField("expires_in", pushed.expiresIn());
            g.writeEndObject();
        }));
    }
}
