package dev.cell.server.endpoint;

import dev.cell.server.admin.ClientRegistrar;
import dev.cell.server.http.Responses;
import io.javalin.http.Context;

/**
 * The client configuration endpoint {@code /oauth/register/{client_id}} (RFC 7592 section 2): with the client's registration
 * access token, GET reads the registration, PUT replaces the metadata (and the token), DELETE removes the client.
 */
public final class ClientConfigurationEndpoint {
    /** The path parameter naming the client. */
    public static final String CLIENT_ID = "client_id";

    private final ClientRegistrar registrar;
    private final String configurationBase;
    private final int maxRequestBytes;

    public ClientConfigurationEndpoint(ClientRegistrar registrar, String configurationBase, int maxRequestBytes) {
        this.registrar = registrar;
        this.configurationBase = configurationBase;
        this.maxRequestBytes = maxRequestBytes;
    }

    /** RFC 7592 section 2.1: the client information, with the presented (still current) registration access token. */
    public void read(Context ctx) {
        String clientId = ctx.pathParam(CLIENT_ID);
        String token = ClientInformation.bearer(ctx);
        ClientInformation.write(ctx, 200, registrar.read(clientId, token), null, token, configurationBase + "/" + clientId);
    }

    /** RFC 7592 section 2.2: the client information after the update, with a new registration access token. */
    public void update(Context ctx) {
        String clientId = ctx.pathParam(CLIENT_ID);
        String token = ClientInformation.bearer(ctx);
        registrar.read(clientId, token);        // a bad token gets 401 before the body is read
        ClientRegistrar.Registered updated = registrar.update(clientId, token, ClientInformation.body(ctx, maxRequestBytes), ctx.ip());
        ClientInformation.write(ctx, 200, updated.client(), updated.clientSecret(), updated.registrationAccessToken(),
                configurationBase + "/" + clientId);
    }

    /** RFC 7592 section 2.3: 204, the client gone. */
    public void delete(Context ctx) {
        registrar.delete(ctx.pathParam(CLIENT_ID), ClientInformation.bearer(ctx), ctx.ip());
        Responses.noStore(ctx);
        ctx.status(204);
    }
}
