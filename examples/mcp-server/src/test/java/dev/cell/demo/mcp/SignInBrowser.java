package dev.cell.demo.mcp;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The user's browser, real headless Chromium (Debian's chromium and chromium-driver): opens an authorization URL, signs in
 * at Cell if asked, allows on the consent page if shown, and waits until Cell's redirect reached the client's loopback callback.
 */
final class SignInBrowser implements AutoCloseable {
    static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");
    static final File CHROMIUM = new File("/usr/bin/chromium");

    private final WebDriver driver;
    private final Path shots;
    private int shot;

    SignInBrowser() throws Exception {
        shots = Files.createDirectories(Path.of("target", "screenshots"));
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + Files.createTempDirectory("chromium-profile"), "--window-size=1000,1100", "--lang=en-US");
        driver = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER).usingAnyFreePort().build(), options);
    }

    static boolean available() {
        return CHROMEDRIVER.canExecute() && CHROMIUM.canExecute();
    }

    /** Follows the authorization URL through login and consent to the page at {@code callbackPrefix}; returns the consent page's text. */
    String authorize(String url, String username, String password, String callbackPrefix, String name) {
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(15));
        driver.get(url);
        String consent = null;
        while (true) {
            wait.until(d -> d.getCurrentUrl().startsWith(callbackPrefix) || !d.findElements(By.id("username")).isEmpty()
                    || !d.findElements(By.id("allow")).isEmpty() || !d.findElements(By.id("error-code")).isEmpty());
            if (driver.getCurrentUrl().startsWith(callbackPrefix)) {
                wait.until(d -> !d.findElements(By.id("done")).isEmpty());
                return consent;
            }
            if (!driver.findElements(By.id("username")).isEmpty()) {
                screenshot(name + "-login");
                driver.findElement(By.id("username")).sendKeys(username);
                driver.findElement(By.id("password")).sendKeys(password);
                driver.findElement(By.id("login")).click();
                wait.until(d -> d.findElements(By.id("username")).isEmpty());
            } else if (!driver.findElements(By.id("allow")).isEmpty()) {
                consent = driver.findElement(By.tagName("body")).getText();
                screenshot(name + "-consent");
                driver.findElement(By.id("allow")).click();
                wait.until(d -> d.findElements(By.id("allow")).isEmpty());
            } else {
                screenshot(name + "-unexpected");
                throw new AssertionError("the browser stopped at " + driver.getCurrentUrl() + ":\n" + driver.findElement(By.tagName("body")).getText());
            }
        }
    }

    private void screenshot(String name) {
        try {
            Files.write(shots.resolve("mcp-" + (++shot) + "-" + name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        } catch (Exception e) {
            // a missing screenshot is no failure
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
