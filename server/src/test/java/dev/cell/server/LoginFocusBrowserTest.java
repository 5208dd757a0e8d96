package dev.cell.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.cell.client.ClientAuthMethod;
import dev.cell.client.ClientMetadata;
import dev.cell.token.AccessTokenFormat;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * In real headless Chromium: after a wrong password the focus is on the password field (the autofocus attribute, no
 * script), and the field is announced with its error. Screenshots go to target/screenshots.
 */
class LoginFocusBrowserTest {
    private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");
    private static final File CHROMIUM = new File("/usr/bin/chromium");

    @Test
    void aWrongPasswordPutsTheFocusOnThePasswordField() throws Exception {
        assumeTrue(CHROMEDRIVER.canExecute() && CHROMIUM.canExecute(),
                "Debian chromium and chromium-driver are not installed (apt-get install chromium chromium-driver); .ci/run installs them");
        Path screenshots = Files.createDirectories(Path.of("target", "screenshots"));
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + Files.createTempDirectory("chromium-profile"), "--window-size=390,844", "--lang=zh-CN");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER).usingAnyFreePort().build();
        try (TestServer server = TestServer.start()) {
            server.clients.create("app", ClientMetadata.builder().clientName("Notes")
                    .tokenEndpointAuthMethod(ClientAuthMethod.CLIENT_SECRET_BASIC).grantTypes(Set.of("authorization_code"))
                    .redirectUris(List.of("https://app.example/cb")).scopes(Set.of("openid")).build());
            server.users.create("lin", "lin-password-1", Map.of(), Set.of());
            WebDriver driver = new ChromeDriver(service, options);
            try {
                WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(15));
                driver.get(server.url(AuthorizationCodeFlowTest.authorizeUrl("app", "https://app.example/cb", "openid", "&ui_locales=zh-CN")));
                wait.until(d -> !d.findElements(By.id("username")).isEmpty());
                assertThat(focused(driver)).isEqualTo("username");
                driver.findElement(By.id("username")).sendKeys("lin");
                driver.findElement(By.id("password")).sendKeys("wrong-password");
                driver.findElement(By.id("login")).click();
                wait.until(d -> !d.findElements(By.id("error")).isEmpty());
                Files.write(screenshots.resolve("login-failed-zh.png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
                assertThat(focused(driver)).isEqualTo("password");
                assertThat(driver.findElement(By.id("password")).getAttribute("aria-describedby")).isEqualTo("error");
                driver.get(server.url("/oauth/login?request=gone&client_id=app"));
                wait.until(d -> !d.findElements(By.id("error-sentence")).isEmpty());
                Files.write(screenshots.resolve("sign-in-gone-zh.png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            } finally {
                driver.quit();
            }
        }
    }

    private static String focused(WebDriver driver) {
        return (String) ((JavascriptExecutor) driver).executeScript("return document.activeElement.id");
    }
}
