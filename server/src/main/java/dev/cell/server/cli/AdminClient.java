package dev.cell.server.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.cell.token.Json;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Calls the admin API of a running server (docs/admin-api.md) with a bearer token (RFC 6750 §2.1), got once per command. A
 * refusal becomes a {@link CommandFailure} that shows the problem detail's {@code detail} (RFC 9457 §3.1) and exits by kind.
 */
final class AdminClient {
    /** The most items one page asks for (the API's maximum). */
    static final int PAGE = 200;

    private final AdminConnection connection;
    private final Http http;
    private String token;

    AdminClient(AdminConnection connection, Http http) {
        this.connection = connection;
        this.http = http;
    }

    /** A resource and its entity tag. */
    record Answer(JsonNode body, String etag) {}

    JsonNode get(String path) {
        return call("GET", path, null, null).body();
    }

    Answer read(String path) {
        return call("GET", path, null, null);
    }

    /** Every item of a list, page after page (by {@code next_cursor}), at most {@code max}. */
    List<JsonNode> list(String path, Map<String, String> query, int max) {
        List<JsonNode> items = new ArrayList<>();
        Map<String, String> q = new LinkedHashMap<>(query);
        while (items.size() < max) {
            q.put("limit", Integer.toString(Math.min(PAGE, max - items.size())));
            JsonNode page = get(path + query(q));
            page.path("items").forEach(items::add);
            if (!page.path("next_cursor").isTextual()) {
                break;
            }
            q.put("cursor", page.get("next_cursor").asText());
        }
        return items;
    }

    /** Sends {@code body} (null: none) with {@code If-Match} when given; the answer's JSON, or a missing node for 204. */
    Answer call(String method, String path, Object body, String ifMatch) {
        URI uri = connection.api(path);
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token()).header("Accept", "application/json");
        if (ifMatch != null) {
            b.header("If-Match", ifMatch);
        }
        if (body == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(write(body)));
        }
        HttpResponse<String> r = http.send(b, uri);
        if (r.statusCode() >= 200 && r.statusCode() < 300) {
            return new Answer(r.statusCode() == 204 ? Json.MAPPER.missingNode() : Http.json(r), r.headers().firstValue("ETag").orElse(null));
        }
        throw failure(r);
    }

    private String token() {
        if (token == null) {
            token = connection.token() != null ? connection.token() : new AdminToken(http).obtain(connection);
        }
        return token;
    }

    /** A refusal by kind: 401 and 403 are credentials (exit 3), 404 not found, 409, 412 and 428 refused (2), other 4xx bad input (1). */
    private CommandFailure failure(HttpResponse<String> r) {
        JsonNode problem = Http.json(r);
        int status = r.statusCode();
        boolean isProblem = r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json");
        String detail = isProblem ? problem.path("detail").asText(problem.path("title").asText()) : "HTTP " + status;
        String member = problem.path("member").asText("");
        if (!member.isEmpty() && !detail.startsWith(member)) {
            detail = member + ": " + detail;
        }
        if (status == 401 || status == 403) {
            return CommandFailure.unreachable("the admin API refused the token (HTTP " + status + "): " + detail
                    + (status == 403 ? "; the client needs the scope cell:admin" : ""));
        }
        if (!isProblem) {
            return CommandFailure.unreachable("no admin API at " + connection.api("") + " (HTTP " + status
                    + "): is admin.enabled true on that server, and is this its admin port?");
        }
        if (status == 404) {
            return CommandFailure.notFound(detail);
        }
        if (status == 409 || status == 412 || status == 428) {
            return CommandFailure.refused(detail);
        }
        return status >= 500 ? CommandFailure.unreachable("the server failed (HTTP " + status + "): " + detail) : CommandFailure.badInput(detail);
    }

    /** {@code ?name=value&...} of the non-null values, form-encoded; empty when there are none. */
    static String query(Map<String, String> params) {
        String q = params.entrySet().stream().filter(e -> e.getValue() != null)
                .map(e -> e.getKey() + "=" + encode(e.getValue())).collect(Collectors.joining("&"));
        return q.isEmpty() ? "" : "?" + q;
    }

    /** One path segment, percent-encoded (RFC 3986 §3.3). */
    static String segment(String value) {
        String encoded = encode(value).replace("+", "%20");
        return encoded.equals(".") || encoded.equals("..") ? encoded.replace(".", "%2E") : encoded;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String write(Object body) {
        try {
            return Json.MAPPER.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
