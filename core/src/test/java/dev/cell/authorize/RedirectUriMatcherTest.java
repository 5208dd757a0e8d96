package dev.cell.authorize;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RedirectUriMatcherTest {
    private static final List<String> WEB = List.of("https://app.example.com/callback?tenant=1");

    @Test
    void anExactStringMatches() {
        assertThat(RedirectUriMatcher.matches(WEB, "https://app.example.com/callback?tenant=1")).isTrue();
        assertThat(RedirectUriMatcher.matches(List.of("https://a.example/x", "https://b.example/y"), "https://b.example/y")).isTrue();
    }

    @Test
    void everyLookAlikeIsRefused() {
        for (String trick : List.of(
                "https://app.example.com/callback",
                "https://app.example.com/callback?tenant=1&x=2",
                "https://app.example.com/callback?tenant=12",
                "https://app.example.com/callbackx?tenant=1",
                "https://app.example.com/callback/?tenant=1",
                "https://app.example.com/callback/../evil?tenant=1",
                "https://app.example.com/callback/%2e%2e/evil?tenant=1",
                "https://app.example.com.evil.com/callback?tenant=1",
                "https://evil.app.example.com/callback?tenant=1",
                "https://app.example.com@evil.com/callback?tenant=1",
                "https://evil.com@app.example.com/callback?tenant=1",
                "https://APP.example.com/callback?tenant=1",
                "HTTPS://app.example.com/callback?tenant=1",
                "https://app.example.com/Callback?tenant=1",
                "https://app.example.com:443/callback?tenant=1",
                "http://app.example.com/callback?tenant=1",
                "https://app.example.com/callback?tenant=1#frag",
                "https://app.example.com/callback?tenant=1 ",
                "https://app.example.com/callback%3Ftenant=1",
                "")) {
            assertThat(RedirectUriMatcher.matches(WEB, trick)).as(trick).isFalse();
        }
        assertThat(RedirectUriMatcher.matches(WEB, null)).isFalse();
        assertThat(RedirectUriMatcher.matches(List.of(), "https://app.example.com/callback?tenant=1")).isFalse();
    }

    @Test
    void aLoopbackIpRedirectMayUseAnyPort() {
        List<String> ipv4 = List.of("http://127.0.0.1/cb");
        assertThat(RedirectUriMatcher.matches(ipv4, "http://127.0.0.1:51004/cb")).isTrue();
        assertThat(RedirectUriMatcher.matches(ipv4, "http://127.0.0.1/cb")).isTrue();
        assertThat(RedirectUriMatcher.matches(List.of("http://127.0.0.1:8080/cb?x=1"), "http://127.0.0.1:9/cb?x=1")).isTrue();
        assertThat(RedirectUriMatcher.matches(List.of("http://[::1]:1234/cb"), "http://[::1]:61000/cb")).isTrue();
    }

    @Test
    void theLoopbackExceptionCoversThePortOnly() {
        List<String> ipv4 = List.of("http://127.0.0.1:8080/cb");
        for (String trick : List.of(
                "http://127.0.0.1:8080/cb2",
                "http://127.0.0.1:8080/cb/",
                "http://127.0.0.1:8080/cb?x=1",
                "http://127.0.0.1:8080/cb#x",
                "http://127.0.0.1:99999/cb",
                "http://127.0.0.1:0/cb",
                "http://127.0.0.1:8080@evil.com/cb",
                "http://127.0.0.1.evil.com:8080/cb",
                "http://127.0.0.2:8080/cb",
                "http://[::1]:8080/cb",
                "https://127.0.0.1:8080/cb",
                "http://localhost:8080/cb")) {
            assertThat(RedirectUriMatcher.matches(ipv4, trick)).as(trick).isFalse();
        }
        assertThat(RedirectUriMatcher.matches(List.of("http://localhost:8080/cb"), "http://localhost:9090/cb"))
                .as("localhost is not a loopback IP literal (RFC 8252 §8.3)").isFalse();
        assertThat(RedirectUriMatcher.matches(List.of("https://127.0.0.1:8080/cb"), "https://127.0.0.1:9090/cb")).isFalse();
    }
}
