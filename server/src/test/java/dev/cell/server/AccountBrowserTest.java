package dev.cell.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
 * The account page in real headless Chromium at phone width, in Simplified Chinese: sign in on the page, see this device,
 * change the password, sign out everywhere; nothing is wider than the screen. Screenshots go to target/screenshots.
 */
class AccountBrowserTest {
    private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");
    private static final File CHROMIUM = new File("/usr/bin/chromium");

    @Test
    void aPhoneSignsInChangesThePasswordAndSignsOutEverywhereInChinese() throws Exception {
        assumeTrue(CHROMEDRIVER.canExecute() && CHROMIUM.canExecute(),
                "Debian chromium and chromium-driver are not installed (apt-get install chromium chromium-driver); .ci/run installs them");
        Path screenshots = Files.createDirectories(Path.of("target", "screenshots"));
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + Files.createTempDirectory("chromium-profile"), "--window-size=390,844", "--lang=zh-CN");
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "zh-CN,zh"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER).usingAnyFreePort().build();
        try (TestServer server = TestServer.start()) {
            server.users.create("mei", "mei-password-1", Map.of(), Set.of());
            WebDriver driver = new ChromeDriver(service, options);
            try {
                // A page replaced mid-read leaves a stale element: the wait reads again rather than failing.
                WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(15));
                wait.ignoring(StaleElementReferenceException.class);
                driver.get(server.url("/account"));
                wait.until(d -> !d.findElements(By.id("username")).isEmpty());
                assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("你的账户");
                driver.findElement(By.id("username")).sendKeys("mei");
                driver.findElement(By.id("password")).sendKeys("mei-password-1");
                driver.findElement(By.id("login")).click();
                wait.until(d -> !d.findElements(By.id("sessions")).isEmpty());
                assertThat(driver.findElement(By.id("sessions")).getText()).contains("当前设备", "Chrome");
                assertThat(fitsTheScreen(driver)).as("no horizontal scrolling at phone width").isTrue();
                Files.write(screenshots.resolve("account-zh.png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));

                driver.findElement(By.id("current_password")).sendKeys("mei-password-1");
                driver.findElement(By.id("new_password")).sendKeys("mei-password-2");
                driver.findElement(By.id("new_password_again")).sendKeys("mei-password-2");
                driver.findElement(By.id("change-password")).click();
                wait.until(d -> !d.findElements(By.id("done")).isEmpty());
                assertThat(driver.findElement(By.id("done")).getText()).contains("密码已修改");
                Files.write(screenshots.resolve("account-password-changed-zh.png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));

                driver.findElement(By.id("end-all")).click();
                wait.until(d -> d.findElement(By.tagName("h1")).getText().equals("已退出"));
                driver.get(server.url("/account"));
                wait.until(d -> !d.findElements(By.id("username")).isEmpty());
            } finally {
                driver.quit();
            }
        }
    }

    private static boolean fitsTheScreen(WebDriver driver) {
        return (Boolean) ((JavascriptExecutor) driver).executeScript("return document.documentElement.scrollWidth <= window.innerWidth");
    }
}
