package dev.cell.server.endpoint;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cell.error.OAuthException;
import dev.cell.event.AuditEvent;
import dev.cell.event.AuditSink;
import dev.cell.server.admin.ClientRegistrar;
import io.javalin.http.Context;
import java.util.Map;

/**
 * The client registration endpoint {@code /oauth/register} (RFC 7591 section 3): POST of client metadata as JSON, with an
 * initial access token or, under the open policy, without; answers 201 with the client information (section 3.2.1) or an
 * error of section 3.2.2. A refusal goes to the audit trail too.
 */
public final class RegistrationEndpoint {
    static final String EVENT = "client.registered";

    private final ClientRegistrar registrar;
    private final String configurationBase;
    private final AuditSink audit;
    private final int maxRequestBytes;

    /** @param configurationBase the registration endpoint's URL, under which each client's configuration endpoint lies */
    public RegistrationEndpoint(ClientRegistrar registrar, String configurationBase, AuditSink audit, int maxRequestBytes) {
        this.registrar = registrar;
        this.configurationBase = configurationBase;
        this.audit = audit;
        this.maxRequestBytes = maxRequestBytes;
    }

    public void handle(Context ctx) {
        ClientRegistrar.Registered registered;
        try {
            ClientRegistrar.Authorization authorization = registrar.authorize(ClientInformation.bearer(ctx), ctx.ip());
            ObjectNode request = ClientInformation.body(ctx, maxRequestBytes);
            registered = registrar.register(authorization, request, ctx.ip());
        } catch (OAuthException e) {
            audit.record(new AuditEvent(EVENT, AuditEvent.FAILURE, null, null, ctx.ip(), Map.of()).with("error", e.error().code()));
            throw e;
        }
        String clientId = registered.client().clientId();
        ctx.header("Location", configurationBase + "/" + clientId);
        ClientInformation.write(ctx, 201, registered.client(), registered.clientSecret(), registered.registrationAccessToken(),
                configurationBase + "/" + clientId);
    }
}
