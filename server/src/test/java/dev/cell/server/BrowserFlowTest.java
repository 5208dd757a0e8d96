package dev.cell.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import dev.cell.client.ClientAuthMethod;
import dev.cell.client.ClientMetadata;
import dev.cell.server.admin.ClientAdmin;
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
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The authorization code flow in real headless Chromium (Debian's chromium and chromium-driver, which .ci/run installs):
 * authorization URL, login page, consent page, callback, token exchange. Screenshots go to target/screenshots.
 */
class BrowserFlowTest {
    private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");
    private static final File CHROMIUM = new File("/usr/bin/chromium");

    @Test
    void signInAndConsentInChromium() throws Exception {
        assumeTrue(CHROMEDRIVER.canExecute() && CHROMIUM.canExecute(),
                "Debian chromium and chromium-driver are not installed (apt-get install chromium chromium-driver); .ci/run installs them");
        AtomicReference<String> callbackQuery = new AtomicReference<>();
        HttpServer callback = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        callback.createContext("/callback", ex -> {
            callbackQuery.set(ex.getRequestURI().getRawQuery());
            byte[] page = "<!doctype html><title>Callback</title><h1 id=done>Signed in</h1>".getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "text/html");
            ex.sendResponseHeaders(200, page.length);
            ex.getResponseBody().write(page);
            ex.close();
        });
        callback.start();
        String redirect = "http://127.0.0.1:" + callback.getAddress().getPort() + "/callback";
        Path screenshots = Files.createDirectories(Path.of("target", "screenshots"));
        Path profile = Files.createTempDirectory("chromium-profile");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--window-size=390,844", "--lang=en-US");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER).usingAnyFreePort().build();
        try (TestServer server = TestServer.start()) {
            ClientAdmin.Created client = server.clients.create("browser-app", ClientMetadata.builder().clientName("Notes Web")
                    .tokenEndpointAuthMethod(ClientAuthMethod.CLIENT_SECRET_BASIC)
                    .grantTypes(Set.of("authorization_code", "refresh_token")).redirectUris(List.of(redirect))
                    .scopes(Set.of("openid", "profile", "email")).build());
            server.users.create("alice", "alice-password-1", Map.of("email", "alice@example.com"), Set.of());
            WebDriver driver = new ChromeDriver(service, options);
            try {
                WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(15));
                driver.get(server.url(AuthorizationCodeFlowTest.authorizeUrl("browser-app", redirect, "openid profile email", "")));
                wait.until(d -> !d.findElements(By.id("username")).isEmpty());
                shot(driver, screenshots.resolve("1-login.png"));
                driver.findElement(By.id("username")).sendKeys("alice");
                driver.findElement(By.id("password")).sendKeys("alice-password-1");
                driver.findElement(By.id("login")).click();
                wait.until(d -> !d.findElements(By.id("allow")).isEmpty());
                assertThat(driver.getPageSource()).contains("Notes Web").contains("Your email address");
                shot(driver, screenshots.resolve("2-consent.png"));
                driver.findElement(By.id("allow")).click();
                wait.until(d -> !d.findElements(By.id("done")).isEmpty());
                shot(driver, screenshots.resolve("3-callback.png"));
            } finally {
                driver.quit();
            }
            Map<String, String> q = Browser.query(redirect + "?" + callbackQuery.get());
            assertThat(q.get("state")).isEqualTo("st 123");
            assertThat(q.get("iss")).isEqualTo(server.config.issuer().toString());
            JsonNode tokens = Json.MAPPER.readTree(server.post("/oauth/token", "grant_type=authorization_code&code="
                    + AuthorizationCodeFlowTest.enc(q.get("code")) + "&redirect_uri=" + AuthorizationCodeFlowTest.enc(redirect)
                    + "&code_verifier=" + AuthorizationCodeFlowTest.VERIFIER, "Authorization", TestServer.basic("browser-app", client.secret())).body());
            assertThat(SignedJWT.parse(tokens.get("id_token").asText()).getJWTClaimsSet().getStringClaim("nonce")).isEqualTo("n-1");
            assertThat(Files.size(screenshots.resolve("2-consent.png"))).isPositive();
        } finally {
            callback.stop(0);
        }
    }

    private static void shot(WebDriver driver, Path file) throws Exception {
        Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    }
}
