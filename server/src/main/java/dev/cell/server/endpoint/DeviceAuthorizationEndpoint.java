package dev.cell.server.endpoint;

import dev.cell.client.Client;
import dev.cell.client.ClientAuthentication;
import dev.cell.device.DeviceAuthorizations;
import dev.cell.server.http.FormRequest;
import dev.cell.server.http.Responses;
import dev.cell.token.Json;
import io.javalin.http.Context;

/**
 * The device authorization endpoint {@code /oauth/device_authorization} (RFC 8628 §3.1–§3.2): a form POST, the client
 * authenticated by any method the token endpoint accepts (public clients by {@code client_id}), answered with the device
 * code, the user code and where to enter it, or a JSON error (RFC 6749 §5.2).
 */
public final class DeviceAuthorizationEndpoint {
    public static final String PATH = "/oauth/device_authorization";

    private final ClientAuthentication authentication;
    private final DeviceAuthorizations device;
    private final int maxRequestBytes;

    public DeviceAuthorizationEndpoint(ClientAuthentication authentication, DeviceAuthorizations device, int maxRequestBytes) {
        this.authentication = authentication;
        this.device = device;
        this.maxRequestBytes = maxRequestBytes;
    }

    public void handle(Context ctx) {
        FormRequest form = FormRequest.read(ctx, maxRequestBytes);
        Client client = authentication.authenticate(form.basic(), form.parameters());
        DeviceAuthorizations.Started started = device.start(client, form.parameters());
        Responses.noStoreJson(ctx, 200, Json.write(g -> {
            g.writeStartObject();
            g.writeStringField("device_code", started.deviceCode());
            g.writeStringField("user_code", started.userCode());
            g.writeStringField("verification_uri", started.verificationUri());
            g.writeStringField("verification_uri_complete", started.verificationUriComplete());
            g.writeNumberField("expires_in", started.expiresIn());
            g.writeNumberField("interval", started.interval());
            g.writeEndObject();
        }));
    }
}
