package dev.cell.server.admin.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cell.client.ClientAuthMethod;
import dev.cell.client.ClientMetadata;
import dev.cell.server.TestServer;
import dev.cell.server.admin.ClientAdmin;
import dev.cell.token.AccessTokenFormat;
import dev.cell.token.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/** Calls to one node's admin API with a bearer token, and the clients and tokens the tests use. */
final class AdminHttp {
    final TestServer server;
    final String base;

    AdminHttp(TestServer server, int port) {
        this.server = server;
        this.base = "http://127.0.0.1:" + port + AdminApi.BASE;
    }

    AdminHttp(TestServer server) {
        this(server, server.assembly.adminPort());
    }

    /** Registers a client_credentials client with the scopes (and audiences) and returns a token it obtained. */
    static String token(TestServer server, String clientId, AccessTokenFormat format, List<String> audiences, String... scopes) {
        ClientAdmin.Created c = server.clients.create(clientId, ClientMetadata.builder().clientName("Test " + clientId)
                .tokenEndpointAuthMethod(ClientAuthMethod.CLIENT_SECRET_BASIC).grantTypes(Set.of("client_credentials"))
                .scopes(Set.of(scopes)).audiences(audiences).accessTokenFormat(format).build());
        HttpResponse<String> r = server.post("/oauth/token", "grant_type=client_credentials", "Authorization", TestServer.basic(clientId, c.secret()));
        if (r.statusCode() != 200) {
            throw new IllegalStateException(r.body());
        }
        return json(r).get("access_token").asText();
    }

    HttpResponse<String> send(String method, String path, String token, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        boolean typed = false;
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
            typed |= headers[i].equalsIgnoreCase("Content-Type");
        }
        if (body != null && !typed) {
            b.header("Content-Type", "application/json");
        }
        return server.send(b.build());
    }

    HttpResponse<String> get(String path, String token) {
        return send("GET", path, token, null);
    }

    static JsonNode json(HttpResponse<String> r) {
        try {
            return Json.MAPPER.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(r.body(), e);
        }
    }
}
