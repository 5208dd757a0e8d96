package dev.cell.server.endpoint;

import dev.cell.client.Client;
import dev.cell.client.ClientAuthentication;
import dev.cell.error.OAuthException;
import dev.cell.event.AuditEvent;
import dev.cell.event.AuditSink;
import dev.cell.revoke.RevocationService;
import dev.cell.server.http.FormRequest;
import dev.cell.server.http.Responses;
import io.javalin.http.Context;
import java.util.Map;

/**
 * Token revocation {@code /oauth/revoke} (RFC 7009 §2): 200 whether or not the token was known (§2.2); each request goes to
 * the audit trail (RFC 9700 §4.14), without the token.
 */
public final class RevocationEndpoint {
    static final String EVENT = "token.revoked";

    private final ClientAuthentication authentication;
    private final RevocationService revocation;
    private final AuditSink audit;
    private final int maxRequestBytes;

    public RevocationEndpoint(ClientAuthentication authentication, RevocationService revocation, AuditSink audit, int maxRequestBytes) {
        this.authentication = authentication;
        this.revocation = revocation;
        this.audit = audit;
        this.maxRequestBytes = maxRequestBytes;
    }

    public void handle(Context ctx) {
        FormRequest request = FormRequest.read(ctx, maxRequestBytes);
        String hint = request.parameters().get("token_type_hint");
        Client caller;
        try {
            caller = authentication.authenticate(request.basic(), request.parameters());
            revocation.revoke(caller, request.parameters().get("token"));
        } catch (OAuthException e) {
            audit.record(new AuditEvent(EVENT, AuditEvent.FAILURE, null, TokenEndpoint.presentedClientId(request), ctx.ip(), Map.of())
                    .with("token_type_hint", hint).with("error", e.error().code()));
            throw e;
        }
        audit.record(AuditEvent.success(EVENT, caller.clientId(), caller.clientId(), ctx.ip()).with("token_type_hint", hint));
        Responses.noStore(ctx);
        ctx.status(200);
    }
}
