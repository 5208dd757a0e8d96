package dev.cell.resource;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * JSON over HTTP to the authorization server with one deadline for the whole exchange (connect, headers and body) and a
 * bound on the answer's size; every failure becomes {@link TokenError#UPSTREAM_TIMEOUT} or {@link TokenError#UPSTREAM_ERROR}.
 */
final class JsonHttp {
    /** An answer: its status and, for 200, its JSON object. */
    record Reply(int status, Map<String, Object> json) {}

    private final HttpClient client;
    private final Duration timeout;
    private final int maxBytes;

    JsonHttp(Duration timeout, int maxBytes) {
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1).build();
        this.timeout = timeout;
        this.maxBytes = maxBytes;
    }

    Reply get(URI uri) {
        return send(HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json").GET().build());
    }

    /** POSTs an {@code application/x-www-form-urlencoded} body with the given {@code Authorization} header. */
    Reply postForm(URI uri, String authorization, String form) {
        return send(HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json").header("Authorization", authorization)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8)).build());
    }

    private Reply send(HttpRequest request) {
        CompletableFuture<HttpResponse<byte[]>> pending = client.sendAsync(request, info -> new BoundedBody(maxBytes));
        HttpResponse<byte[]> response;
        try {
            response = pending.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw timedOut(request.uri(), e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof java.net.http.HttpTimeoutException) {
                throw timedOut(request.uri(), e.getCause());
            }
            throw new TokenException(TokenError.UPSTREAM_ERROR, "cannot reach the authorization server at " + request.uri(), e.getCause());
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw new TokenException(TokenError.UPSTREAM_ERROR, "interrupted while calling " + request.uri(), e);
        }
        if (response.statusCode() != 200) {
            return new Reply(response.statusCode(), Map.of());
        }
        try {
            return new Reply(200, JSONObjectUtils.parse(new String(response.body(), StandardCharsets.UTF_8)));
        } catch (ParseException e) {
            throw new TokenException(TokenError.UPSTREAM_ERROR, "the answer of " + request.uri() + " is not a JSON object", e);
        }
    }

    private TokenException timedOut(URI uri, Throwable cause) {
        return new TokenException(TokenError.UPSTREAM_TIMEOUT, "the authorization server at " + uri + " did not answer within "
                + timeout.toMillis() + " ms", cause);
    }
}
