package dev.coffer.web;

import dev.coffer.support.IntegrationTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Base of the browser tests: Debian's headless Chromium driven by Selenium against the real pages, one browser
 * per test class. Each test starts from a clean cookie jar. Screenshots go to {@code target/screenshots/}.
 */
public abstract class BrowserTest extends IntegrationTest {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    protected static ChromeDriver browser;

    @BeforeAll
    static void startBrowser() throws IOException {
        var profile = Files.createTempDirectory("coffer-chromium-");
        var options = new ChromeOptions()
                .setBinary(System.getProperty("coffer.chromium", "/usr/bin/chromium"))
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--disable-background-networking", "--disable-component-update", "--no-first-run",
                        "--disable-sync", "--window-size=1280,900", "--user-data-dir=" + profile);
        var service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(System.getProperty("coffer.chromedriver", "/usr/bin/chromedriver")).toFile())
                .build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
            browser = null;
        }
    }

    protected String url(String path) {
        return "http://localhost:" + port + path;
    }

    /** Opens a page as a stranger: Coffer's cookies are dropped first (cookies are per site, so go there first). */
    protected void open(String path) {
        if (!browser.getCurrentUrl().startsWith(url("/"))) {
            browser.get(url("/favicon.svg"));
        }
        browser.manage().deleteAllCookies();
        browser.get(url(path));
    }

    protected void go(String path) {
        browser.get(url(path));
    }

    protected WebElement find(String css) {
        return new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(css)));
    }

    protected java.util.List<WebElement> all(String css) {
        return browser.findElements(By.cssSelector(css));
    }

    protected void type(String css, String text) {
        var field = find(css);
        field.clear();
        field.sendKeys(text);
    }

    /** Clicks a form's submit button and waits until the answer page replaced this one. */
    protected void submit(String buttonCss) {
        var button = find(buttonCss);
        button.click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(driver -> gone(button));
    }

    /** Logs in through the login page and waits until the answer page replaced it. */
    protected void logIn(String email, String password) {
        type("form#login-form input[name=email]", email);
        type("form#login-form input[name=password]", password);
        submit("form#login-form button[type=submit]");
    }

    /**
     * True once the element's page has been replaced. Chromium reports that as a stale element, or, while the next
     * document is being attached, as "Node with given id does not belong to the document": both mean gone.
     */
    private static boolean gone(WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (org.openqa.selenium.WebDriverException replaced) {
            return true;
        }
    }

    /** From a clean cookie jar: the login page, this user's password, and the first logged-in page loaded. */
    protected void logInAs(TestUser user) {
        open("/login");
        logInAndWait(user.email(), PASSWORD);
    }

    /** A fresh user with the admin role. */
    protected TestUser newAdmin() {
        var admin = newUser("root");
        grantRoles(admin.id(), "customer", "admin");
        return admin;
    }

    /** A new, empty EUR account of {@code owner}'s; returns its id. */
    protected String emptyAccount(TestUser owner) {
        return api.post("/api/v1/accounts").token(owner.token()).json(java.util.Map.of("currency", "EUR", "name", "Pot"))
                .send().json().path("id").asString();
    }

    /** Logs in and waits until a logged-in page has loaded. */
    protected void logInAndWait(String email, String password) {
        logIn(email, password);
        find("form#logout-form");
    }

    protected void screenshot(String name) {
        try {
            Files.write(SCREENSHOTS.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    protected String sessionCookie() {
        var cookie = browser.manage().getCookieNamed("coffer_session");
        return cookie == null ? null : cookie.getValue();
    }

    protected static WebDriver driver() {
        return browser;
    }
}
