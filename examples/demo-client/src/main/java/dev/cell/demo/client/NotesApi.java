package dev.cell.demo.client;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.util.Map;

/** Calls the demo resource server with a bearer token (RFC 6750 §2.1). */
final class NotesApi {
    /** An answer of the API: status, JSON body (empty when none) and the {@code WWW-Authenticate} challenge, if any. */
    record Answer(int status, Map<String, Object> json, String challenge) {
        /** True when the API refused the token itself (RFC 6750 §3.1 {@code invalid_token}), which a refresh may cure. */
        boolean invalidToken() {
            return status == 401 && challenge != null && challenge.contains("error=\"invalid_token\"");
        }
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final URI base;

    NotesApi(URI base) {
        this.base = base;
    }

    Answer me(String accessToken) {
        return send(request("/api/me", accessToken).GET().build());
    }

    Answer notes(String accessToken) {
        return send(request("/api/notes", accessToken).GET().build());
    }

    Answer add(String accessToken, String text) {
        String body = JSONObjectUtils.toJSONString(Map.of("text", text));
        return send(request("/api/notes", accessToken).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build());
    }

    private HttpRequest.Builder request(String path, String accessToken) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT).header("Authorization", "Bearer " + accessToken);
    }

    private Answer send(HttpRequest request) {
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            Map<String, Object> json = r.body().isEmpty() ? Map.of() : JSONObjectUtils.parse(r.body());
            return new Answer(r.statusCode(), json, r.headers().firstValue("WWW-Authenticate").orElse(null));
        } catch (IOException | ParseException e) {
            throw new DemoException("the notes API at " + base + " did not answer properly", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DemoException("interrupted", e);
        }
    }
}
