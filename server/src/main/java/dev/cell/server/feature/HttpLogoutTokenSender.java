package dev.cell.server.feature;

import dev.cell.logout.LogoutTokenSender;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * Posts a logout token as {@code application/x-www-form-urlencoded} {@code logout_token=...} (OIDC Back-Channel Logout 1.0 §2.5):
 * one short timeout for connecting and answering, redirects never followed (§2.5: the RP answers, it does not redirect),
 * the answer's body discarded.
 */
final class HttpLogoutTokenSender implements LogoutTokenSender, AutoCloseable {
    private final HttpClient http;
    private final Duration timeout;

    HttpLogoutTokenSender(Duration timeout) {
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public Optional<String> send(String backchannelLogoutUri, String logoutToken) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(backchannelLogoutUri))
                .timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cache-Control", "no-store")
                .POST(HttpRequest.BodyPublishers.ofString("logout_token=" + URLEncoder.encode(logoutToken, StandardCharsets.US_ASCII)))
                .build();
        try {
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status >= 200 && status < 300) {
                return Optional.empty();
            }
            return Optional.of("HTTP " + status + (status >= 300 && status < 400 ? " (redirects are not followed)" : ""));
        } catch (HttpTimeoutException e) {
            return Optional.of("no answer within " + timeout.toMillis() + " ms");
        } catch (IOException e) {
            return Optional.of("cannot reach it: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
