package dev.cell.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Gets an admin access token by the client credentials grant (RFC 6749 §4.4) with HTTP Basic client authentication
 * (RFC 6749 §2.3.1), at the given token endpoint or the {@code token_endpoint} of the server's discovery document (OpenID
 * Connect Discovery §4). It asks for {@code cell:admin}, and for {@code cell:admin.read} when the client may only read.
 * One form post: the Nimbus SDK would add a dependency to the server for less code than it saves.
 */
final class AdminToken {
    static final String SCOPE = "cell:admin";
    static final String READ_SCOPE = "cell:admin.read";

    private final Http http;

    AdminToken(Http http) {
        this.http = http;
    }

    String obtain(AdminConnection c) {
        URI endpoint = c.tokenEndpoint() != null ? c.tokenEndpoint() : discover(c.server());
        HttpResponse<String> r = request(endpoint, c, SCOPE);
        if (r.statusCode() == 400 && "invalid_scope".equals(error(r).path("error").asText())) {
            r = request(endpoint, c, READ_SCOPE);
        }
        JsonNode body = error(r);
        if (r.statusCode() != 200 || !body.path("access_token").isTextual()) {
            String code = body.path("error").asText("HTTP " + r.statusCode());
            String description = body.path("error_description").asText("");
            throw CommandFailure.unreachable("the token endpoint " + endpoint + " refused the client credentials of '" + c.clientId() + "': "
                    + code + (description.isEmpty() ? "" : " (" + description + ")"));
        }
        return body.get("access_token").asText();
    }

    private HttpResponse<String> request(URI endpoint, AdminConnection c, String scope) {
        String basic = Base64.getEncoder().encodeToString((form(c.clientId()) + ":" + form(c.clientSecret())).getBytes(StandardCharsets.UTF_8));
        return http.send(HttpRequest.newBuilder(endpoint)
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=" + form(scope))), endpoint);
    }

    /** The token endpoint named by {@code server}'s OpenID Provider metadata. */
    private URI discover(URI server) {
        URI metadata = URI.create(server + "/.well-known/openid-configuration");
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(metadata).header("Accept", "application/json").GET(), metadata);
        JsonNode endpoint = Http.json(r).path("token_endpoint");
        if (r.statusCode() != 200 || !endpoint.isTextual()) {
            throw CommandFailure.unreachable("no discovery document at " + metadata + " (HTTP " + r.statusCode()
                    + "): give the token endpoint with --token-endpoint");
        }
        return AdminConnection.url("the discovered token_endpoint", endpoint.asText());
    }

    private static JsonNode error(HttpResponse<String> r) {
        return Http.json(r);
    }

    private static String form(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
