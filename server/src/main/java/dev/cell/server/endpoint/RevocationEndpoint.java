package dev.cell.server.endpoint;

import dev.cell.client.Client;
import dev.cell.client.ClientAuthentication;
import dev.cell.revoke.RevocationService;
import dev.cell.server.http.FormRequest;
import dev.cell.server.http.Responses;
import io.javalin.http.Context;

/** Token revocation {@code /oauth/revoke} (RFC 7009 §2): 200 whether or not the token was known (§2.2). */
public final class RevocationEndpoint {
    private final ClientAuthentication authentication;
    private final RevocationService revocation;
    private final int maxRequestBytes;

    public RevocationEndpoint(ClientAuthentication authentication, RevocationService revocation, int maxRequestBytes) {
        this.authentication = authentication;
        this.revocation = revocation;
        this.maxRequestBytes = maxRequestBytes;
    }

    public void handle(Context ctx) {
        FormRequest request = FormRequest.read(ctx, maxRequestBytes);
        Client caller = authentication.authenticate(request.basic(), request.parameters());
        revocation.revoke(caller, request.parameters().get("token"));
        Responses.noStore(ctx);
        ctx.status(200);
    }
}
