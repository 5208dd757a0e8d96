package dev.cell.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RedirectUriPolicyTest {
    @Test
    void httpsLoopbackHttpAndPrivateUseSchemesAreAllowed() {
        for (String uri : List.of("https://app.example/cb", "https://app.example:8443/cb?tenant=1", "HTTPS://app.example/cb",
                "http://127.0.0.1/cb", "http://127.0.0.1:8080/cb", "http://[::1]:61000/cb", "http://localhost:8080/cb",
                "com.example.app:/cb", "com.example.app:/oauth2redirect/example-provider", "com.example.app://cb")) {
            RedirectUriPolicy.check(uri);
            assertThat(RedirectUriPolicy.allowed(uri)).as(uri).isTrue();
        }
    }

    @Test
    void everyFormABrowserMustNeverBeSentToIsRefusedWithItsReason() {
        Map<String, String> refused = Map.ofEntries(
                Map.entry("javascript:alert(1)", "javascript"),
                Map.entry("JavaScript://app.example/%0aalert(1)", "javascript"),
                Map.entry("data:text/html,<script>alert(1)</script>", "data"),
                Map.entry("data:text/html;base64,PHNjcmlwdD4=", "data"),
                Map.entry("vbscript:msgbox(1)", "vbscript"),
                Map.entry("file:///etc/passwd", "file"),
                Map.entry("about:blank", "about"),
                Map.entry("blob:https://app.example/0e5c", "blob"),
                Map.entry("https://*.example/cb", "wildcard"),
                Map.entry("https://app.example/*", "wildcard"),
                Map.entry("https://app.example/cb#frag", "fragment"),
                Map.entry("https://app.example/cb#", "fragment"),
                Map.entry("/cb", "absolute"),
                Map.entry("//app.example/cb", "absolute"),
                Map.entry("https://user:pw@app.example/cb", "userinfo"),
                Map.entry("https://app.example@evil.example/cb", "userinfo"),
                Map.entry("com.example.app://user@cb/x", "userinfo"),
                Map.entry("https:/cb", "host"),
                Map.entry("http://app.example/cb", "RFC 9700 section 2.6"),
                Map.entry("http://10.0.0.1/cb", "RFC 9700 section 2.6"),
                Map.entry("http://localhost.evil.example/cb", "RFC 9700 section 2.6"),
                Map.entry("myapp:/cb", "RFC 8252 section 7.1"),
                Map.entry("mailto:a@app.example", "RFC 8252 section 7.1"),
                Map.entry("ftp://app.example/cb", "RFC 8252 section 7.1"),
                Map.entry("com.example.app:cb", "path"),
                Map.entry("https://app.example/c b", "not a valid URI"));
        refused.forEach((uri, reason) -> {
            assertThat(RedirectUriPolicy.allowed(uri)).as(uri).isFalse();
            assertThatThrownBy(() -> RedirectUriPolicy.check(uri)).as(uri).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(reason)
                    .satisfies(e -> assertThat(e.getMessage()).matches("[ -~&&[^\"\\\\]]+"));
        });
        assertThat(RedirectUriPolicy.allowed(null)).isFalse();
    }
}
