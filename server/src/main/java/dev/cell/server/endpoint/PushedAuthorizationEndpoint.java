package dev.cell.server.endpoint;

import dev.cell.authorize.PushedAuthorizationRequests;
import dev.cell.client.Client;
import dev.cell.client.ClientAuthentication;
import dev.cell.dpop.DPoPProof;
import dev.cell.dpop.DPoPVerifier;
import dev.cell.server.http.FormRequest;
import dev.cell.server.http.Responses;
import dev.cell.token.Json;
import io.javalin.http.Context;
import java.net.URI;
import java.util.Collections;

/**
 * The pushed authorization request endpoint {@code /oauth/par} (RFC 9126 §2): a form POST, the client authenticated by
 * any method the token endpoint accepts, answered 201 with {@code request_uri} and {@code expires_in} (§2.2) or a JSON
 * error (§2.3). A request with a DPoP proof binds the code it leads to to the proof's key (RFC 9449 §10.1).
 */
public final class PushedAuthorizationEndpoint {
    private final ClientAuthentication authentication;
    private final PushedAuthorizationRequests requests;
    private final int maxRequestBytes;
    private final DPoPVerifier dpop;
    private final URI endpoint;

    /**
     * @param dpop the DPoP verifier, or null when DPoP is off (a {@code DPoP} header is then ignored)
     * @param endpoint this endpoint's URL, which a proof's {@code htu} names
     */
    public PushedAuthorizationEndpoint(ClientAuthentication authentication, PushedAuthorizationRequests requests, int maxRequestBytes,
            DPoPVerifier dpop, URI endpoint) {
        this.authentication = authentication;
        this.requests = requests;
        this.maxRequestBytes = maxRequestBytes;
        this.dpop = dpop;
        this.endpoint = endpoint;
    }

    public void handle(Context ctx) {
        FormRequest form = FormRequest.read(ctx, maxRequestBytes);
        Client client = authentication.authenticate(form.basic(), form.parameters());
        DPoPProof proof = dpop == null ? null
                : dpop.verifyTokenRequest(endpoint, client.clientId(), Collections.list(ctx.req().getHeaders(DPoPVerifier.HEADER)));
        PushedAuthorizationRequests.Pushed pushed = requests.push(client, form.parameters(), proof == null ? null : proof.jkt());
        Responses.noStoreJson(ctx, 201, Json.write(g -> {
            g.writeStartObject();
            g.writeStringField("request_uri", pushed.requestUri());
            g.writeNumberField("expires_in", pushed.expiresIn());
            g.writeEndObject();
        }));
    }
}
