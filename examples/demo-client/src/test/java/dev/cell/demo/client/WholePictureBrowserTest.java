package dev.cell.demo.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
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
 * The seed's four parts in real headless Chromium (Debian's chromium and chromium-driver): open the client app, sign in at
 * Cell, consent, see data from the notes API, add a note, sign out. Screenshots go to target/screenshots.
 */
class WholePictureBrowserTest {
    private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");
    private static final File CHROMIUM = new File("/usr/bin/chromium");

    @Test
    void signInConsentSeeApiDataAndSignOut() throws Exception {
        assumeTrue(CHROMEDRIVER.canExecute() && CHROMIUM.canExecute(),
                "Debian chromium and chromium-driver are not installed (apt-get install chromium chromium-driver); .ci/run installs them");
        Path shots = Files.createDirectories(Path.of("target", "screenshots"));
        Path profile = Files.createTempDirectory("chromium-profile");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--window-size=1000,1100", "--lang=en-US");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER).usingAnyFreePort().build();
        try (DemoStack stack = new DemoStack(Clock.systemUTC(), Clock.systemUTC())) {
            WebDriver driver = new ChromeDriver(service, options);
            try {
                WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(15));
                driver.get(stack.clientUrl + "/");
                shot(driver, shots.resolve("demo-1-app.png"));
                driver.findElement(By.id("signin")).click();
                wait.until(d -> !d.findElements(By.id("username")).isEmpty());
                shot(driver, shots.resolve("demo-2-login.png"));
                driver.findElement(By.id("username")).sendKeys(DemoStack.USER);
                driver.findElement(By.id("password")).sendKeys(DemoStack.PASSWORD);
                driver.findElement(By.id("login")).click();
                wait.until(d -> !d.findElements(By.id("allow")).isEmpty());
                assertThat(driver.getPageSource()).contains("Cell demo web app");
                shot(driver, shots.resolve("demo-3-consent.png"));
                driver.findElement(By.id("allow")).click();
                wait.until(d -> !d.findElements(By.id("who")).isEmpty());
                assertThat(driver.findElement(By.id("who")).getText()).isEqualTo("Demo User");
                assertThat(driver.findElement(By.id("api-me")).getText()).contains("client_id=demo-client").contains("notes.read");
                driver.findElement(By.id("note-text")).sendKeys("Water the plants");
                driver.findElement(By.id("add-note")).click();
                wait.until(d -> notesContain(d, "Water the plants"));
                shot(driver, shots.resolve("demo-4-signed-in.png"));
                driver.findElement(By.id("signout")).click();
                wait.until(d -> !d.findElements(By.id("signin")).isEmpty());
                assertThat(driver.getCurrentUrl()).isEqualTo(stack.clientUrl + "/");
                shot(driver, shots.resolve("demo-5-signed-out.png"));
                driver.findElement(By.id("signin")).click();
                wait.until(d -> !d.findElements(By.id("username")).isEmpty());
            } finally {
                driver.quit();
            }
        }
    }

    private static void shot(WebDriver driver, Path file) throws Exception {
        Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    }

    /** The notes list, read again if the page reloaded under us (a stale element is not a failure). */
    private static boolean notesContain(WebDriver driver, String text) {
        try {
            return driver.findElement(By.id("notes")).getText().contains(text);
        } catch (org.openqa.selenium.StaleElementReferenceException | org.openqa.selenium.NoSuchElementException e) {
            return false;
        }
    }
}
