package dev.cell.server.endpoint;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cell.client.Client;
import dev.cell.client.ClientMetadataJson;
import dev.cell.error.OAuthError;
import dev.cell.error.OAuthException;
import dev.cell.server.http.Responses;
import dev.cell.token.Json;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.TimeoutException;

/**
 * What the registration endpoint (RFC 7591 section 3) and the client configuration endpoint (RFC 7592 section 2) share: the
 * bearer token, the JSON request body, and the client information response (RFC 7591 section 3.2.1).
 */
final class ClientInformation {
    private ClientInformation() {}

    /** The token of {@code Authorization: Bearer} (RFC 6750 section 2.1); null without the header, "" with another scheme. */
    static String bearer(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null) {
            return null;
        }
        return header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).strip() : "";
    }

    /** The request body as a JSON object: {@code application/json}, at most {@code maxBytes}; otherwise a 4xx that names why. */
    static ObjectNode body(Context ctx, int maxBytes) {
        String type = ctx.header("Content-Type");
        String media = type == null ? "" : type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!media.equals("application/json")) {
            throw OAuthException.invalidRequest("the request must be application/json (RFC 7591 section 3.1)");
        }
        long length = ctx.contentLength();
        if (length > maxBytes) {
            throw new OAuthException(OAuthError.INVALID_REQUEST, "the request body is larger than " + maxBytes + " bytes", 413);
        }
        byte[] body;
        try {
            body = ctx.req().getInputStream().readNBytes(maxBytes + 1);
        } catch (IOException | UncheckedIOException e) {
            boolean timedOut = e.getCause() instanceof TimeoutException;
            throw new OAuthException(OAuthError.INVALID_REQUEST, timedOut ? "the request body did not arrive in time"
                    : "the request body could not be read", timedOut ? 408 : 400);
        }
        if (body.length > maxBytes) {
            throw new OAuthException(OAuthError.INVALID_REQUEST, "the request body is larger than " + maxBytes + " bytes", 413);
        }
        return ClientMetadataJson.parse(new String(body, StandardCharsets.UTF_8));
    }

    /**
     * Writes the client information response: the client's RFC 7591 metadata, {@code client_id} and its issue time, a secret
     * shown once with {@code client_secret_expires_at} (0: never), the registration access token and the client configuration
     * endpoint's URL; never cached.
     */
    static void write(Context ctx, int status, Client client, String secret, String registrationToken, String configurationUri) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("client_id", client.clientId());
        out.put("client_id_issued_at", client.createdAt().getEpochSecond());
        if (secret != null) {
            out.put("client_secret", secret);
            out.put("client_secret_expires_at", 0);
        }
        out.put("registration_access_token", registrationToken);
        out.put("registration_client_uri", configurationUri);
        out.setAll(ClientMetadataJson.write(client.metadata(), ClientMetadataJson.STANDARD_MEMBERS));
        try {
            Responses.noStoreJson(ctx, status, Json.MAPPER.writeValueAsBytes(out));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
