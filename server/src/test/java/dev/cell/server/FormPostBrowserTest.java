package dev.cell.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.cell.client.ClientAuthMethod;
import dev.cell.client.ClientMetadata;
import dev.cell.token.AccessTokenFormat;
import dev.cell.token.Json;
import java.io.File;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * OAuth 2.0 Form Post Response Mode in real headless Chromium: the page's same-origin script submits the form under Cell's
 * Content-Security-Policy, and the client's redirect URI receives a POST with the code or the tokens.
 */
class FormPostBrowserTest {
    private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");
    private static final File CHROMIUM = new File("/usr/bin/chromium");

    /** One request the test client received: method, content type and body. */
    private record Received(String method, String contentType, String body) {}

    @Test
    void chromiumPostsTheCodeAndTheImplicitTokensToTheRedirectUri() throws Exception {
        assumeTrue(CHROMEDRIVER.canExecute() && CHROMIUM.canExecute(),
                "Debian chromium and chromium-driver are not installed (apt-get install chromium chromium-driver); .ci/run installs them");
        LinkedBlockingQueue<Received> received = new LinkedBlockingQueue<>();
        HttpServer callback = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        callback.createContext("/callback", ex -> {
            received.add(new Received(ex.getRequestMethod(), ex.getRequestHeaders().getFirst("Content-Type"),
                    new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            byte[] page = "<!doctype html><title>Callback</title><h1 id=done>Received</h1>".getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "text/html");
            ex.sendResponseHeaders(200, page.length);
            ex.getResponseBody().write(page);
            ex.close();
        });
        callback.start();
        String redirect = "http://127.0.0.1:" + callback.getAddress().getPort() + "/callback";
        Path profile = Files.createTempDirectory("chromium-profile");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--window-size=390,844", "--lang=en-US");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER).usingAnyFreePort().build();
        try (TestServer server = TestServer.start(Map.of("features.implicit.enabled", "true"))) {
            server.clients.create("form-app", ClientMetadata.builder().clientName("Form App")
                    .tokenEndpointAuthMethod(ClientAuthMethod.NONE).grantTypes(Set.of("authorization_code"))
                    .redirectUris(List.of(redirect)).scopes(Set.of("openid")).firstParty(true).build());
            server.clients.create("form-spa", ClientMetadata.builder().clientName("Form SPA")
                    .tokenEndpointAuthMethod(ClientAuthMethod.NONE).grantTypes(Set.of("implicit"))
                    .redirectUris(List.of(redirect)).scopes(Set.of("openid")).firstParty(true).build());
            server.users.create("alice", "alice-password-1", Map.of(), Set.of());
            WebDriver driver = new ChromeDriver(service, options);
            try {
                WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(15));
                driver.get(server.url(AuthorizationCodeFlowTest.authorizeUrl("form-app", redirect, "openid", "&response_mode=form_post")));
                wait.until(d -> !d.findElements(By.id("username")).isEmpty());
                driver.findElement(By.id("username")).sendKeys("alice");
                driver.findElement(By.id("password")).sendKeys("alice-password-1");
                driver.findElement(By.id("login")).click();
                Received code = received.poll(15, TimeUnit.SECONDS);
                assertThat(code).as("the form reached the redirect URI").isNotNull();
                assertThat(code.method()).isEqualTo("POST");
                assertThat(code.contentType()).startsWith("application/x-www-form-urlencoded");
                Map<String, String> fields = Browser.query("https://x/?" + code.body());
                assertThat(fields).containsOnlyKeys("code", "state", "iss").containsEntry("state", "st 123")
                        .containsEntry("iss", server.config.issuer().toString());
                JsonNode tokens = Json.MAPPER.readTree(server.post("/oauth/token", "grant_type=authorization_code&client_id=form-app&code="
                        + AuthorizationCodeFlowTest.enc(fields.get("code")) + "&redirect_uri=" + AuthorizationCodeFlowTest.enc(redirect)
                        + "&code_verifier=" + AuthorizationCodeFlowTest.VERIFIER).body());
                assertThat(tokens.has("id_token")).as(tokens.toString()).isTrue();
                wait.until(d -> !d.findElements(By.id("done")).isEmpty());

                driver.get(server.url("/oauth/authorize?response_type=id_token%20token&response_mode=form_post&client_id=form-spa&redirect_uri="
                        + AuthorizationCodeFlowTest.enc(redirect) + "&scope=openid&state=s%26%3Ctag%3E&nonce=n-2"));
                Received implicit = received.poll(15, TimeUnit.SECONDS);
                assertThat(implicit).as("the implicit form reached the redirect URI").isNotNull();
                assertThat(implicit.method()).isEqualTo("POST");
                assertThat(Browser.query("https://x/?" + implicit.body())).containsKeys("access_token", "id_token", "expires_in")
                        .containsEntry("token_type", "Bearer").containsEntry("state", "s&<tag>").doesNotContainKey("code");
            } finally {
                driver.quit();
            }
        } finally {
            callback.stop(0);
        }
    }
}
