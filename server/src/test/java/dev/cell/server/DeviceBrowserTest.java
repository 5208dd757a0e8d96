package dev.cell.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.device.DeviceAuthorizationSuccessResponse;
import dev.cell.client.ClientAuthMethod;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The device flow (RFC 8628) with its verification page in real headless Chromium at phone width: a TV (the Nimbus SDK) starts
 * and polls; a phone in English signs in, types the code in lower case without its dash and allows; a phone in Simplified
 * Chinese follows verification_uri_complete and denies. Nothing is wider than the screen. Screenshots go to target/screenshots.
 */
class DeviceBrowserTest {
    private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");
    private static final File CHROMIUM = new File("/usr/bin/chromium");

    @Test
    void aPhoneAllowsATvInEnglishAndAnotherDeniesItInChinese() throws Exception {
        assumeTrue(CHROMEDRIVER.canExecute() && CHROMIUM.canExecute(),
                "Debian chromium and chromium-driver are not installed (apt-get install chromium chromium-driver); .ci/run installs them");
        Path screenshots = Files.createDirectories(Path.of("target", "screenshots"));
        try (TestServer server = TestServer.start(Map.of("features.device-authorization.enabled", "true"))) {
            DeviceFlowTest.register(server, "tv", ClientAuthMethod.NONE, Set.of(DeviceFlowTest.GRANT, "refresh_token"));
            server.users.create("lin", "lin-password-1", Map.of(), Set.of());

            DeviceAuthorizationSuccessResponse allowed = DeviceFlowTest.startPublic(server, "tv", "openid profile offline_access");
            WebDriver phone = phone("en");
            try {
                WebDriverWait wait = waitFor(phone);
                phone.get(allowed.getVerificationURI().toString());
                signIn(wait, phone, "lin", "lin-password-1");
                wait.until(d -> !d.findElements(By.id("user_code")).isEmpty());
                assertThat(phone.findElement(By.tagName("h1")).getText()).isEqualTo("Connect a device");
                phone.findElement(By.id("user_code")).sendKeys(allowed.getUserCode().getValue().toLowerCase().replace("-", " "));
                phone.findElement(By.id("continue")).click();
                wait.until(d -> !d.findElements(By.id("allow")).isEmpty());
                assertThat(phone.findElement(By.id("user-code")).getText()).isEqualTo(allowed.getUserCode().getValue());
                assertThat(phone.findElement(By.className("lead")).getText()).contains("Living room tv", "lin");
                assertThat(phone.findElement(By.className("scopes")).getText()).contains("Your identity", "Your profile", "Stay connected");
                assertThat(fitsTheScreen(phone)).as("no horizontal scrolling at phone width").isTrue();
                Files.write(screenshots.resolve("device-confirm-en.png"), ((TakesScreenshot) phone).getScreenshotAs(OutputType.BYTES));
                phone.findElement(By.id("allow")).click();
                wait.until(d -> !d.findElements(By.id("done")).isEmpty());
                assertThat(phone.findElement(By.id("done")).getText()).isEqualTo("Device connected");
            } finally {
                phone.quit();
            }
            assertThat(DeviceFlowTest.poll(server, "tv", allowed.getDeviceCode()).indicatesSuccess()).isTrue();

            DeviceAuthorizationSuccessResponse denied = DeviceFlowTest.startPublic(server, "tv", "profile");
            phone = phone("zh-CN");
            try {
                WebDriverWait wait = waitFor(phone);
                phone.get(denied.getVerificationURIComplete().toString());
                assertThat(phone.findElement(By.className("lead")).getText()).isEqualTo("登录后即可将设备连接到你的账号。");
                signIn(wait, phone, "lin", "lin-password-1");
                wait.until(d -> !d.findElements(By.id("deny")).isEmpty());
                assertThat(phone.findElement(By.tagName("h1")).getText()).isEqualTo("是否允许访问？");
                assertThat(phone.findElement(By.id("user-code")).getText()).isEqualTo(denied.getUserCode().getValue());
                assertThat(fitsTheScreen(phone)).as("no horizontal scrolling at phone width").isTrue();
                Files.write(screenshots.resolve("device-confirm-zh.png"), ((TakesScreenshot) phone).getScreenshotAs(OutputType.BYTES));
                phone.findElement(By.id("deny")).click();
                wait.until(d -> !d.findElements(By.id("done")).isEmpty());
                assertThat(phone.findElement(By.id("done")).getText()).isEqualTo("已拒绝访问");
            } finally {
                phone.quit();
            }
            assertThat(DeviceFlowTest.error(DeviceFlowTest.poll(server, "tv", denied.getDeviceCode()))).isEqualTo(OAuth2Error.ACCESS_DENIED);
        }
    }

    private static void signIn(WebDriverWait wait, WebDriver phone, String user, String password) {
        wait.until(d -> !d.findElements(By.id("password")).isEmpty());
        phone.findElement(By.id("username")).sendKeys(user);
        phone.findElement(By.id("password")).sendKeys(password);
        phone.findElement(By.id("login")).click();
    }

    private static WebDriverWait waitFor(WebDriver driver) {
        // A page replaced mid-read leaves a stale element: the wait reads again rather than failing.
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(15));
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    private static WebDriver phone(String language) throws Exception {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + Files.createTempDirectory("chromium-profile"), "--window-size=390,844", "--lang=" + language);
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", language.equals("en") ? "en" : "zh-CN,zh"));
        return new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER).usingAnyFreePort().build(), options);
    }

    private static boolean fitsTheScreen(WebDriver driver) {
        return (Boolean) ((JavascriptExecutor) driver).executeScript("return document.documentElement.scrollWidth <= window.innerWidth");
    }
}
