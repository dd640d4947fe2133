package dev.coffer.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Keyboard only: log in, send money through the confirmation step, and log out, moving with Tab and Shift+Tab and
 * pressing with Enter and Space, never the mouse. Every control on the way takes the focus, and the focus is visible
 * (an outline) on each of them.
 */
class KeyboardOnlyBrowserTest extends BrowserTest {

    /** More presses than any page here has controls: a control not reached by then is not reachable. */
    private static final int MAX_TABS = 80;

    @Test
    void logInSendMoneyAndLogOutWithTheKeyboardAlone() {
        var shop = newShop();
        var sender = newUser("keys");
        var wallet = shop.fundedAccount(sender, "EUR", 10_000);
        var payee = shop.fundedAccount(newUser("Priya"), "EUR", 0);
        open("/login");
        find("form#login-form");

        tabTo("form#login-form input[name=email]").sendKeys(sender.email());
        tabTo("form#login-form input[name=password]").sendKeys(PASSWORD);
        press(tabTo("form#login-form button[type=submit]"), Keys.ENTER);
        find("form#logout-form");

        press(tabTo("nav a[href='/transfer']"), Keys.ENTER);
        find("form#transfer-form");
        assertThat(tabTo("form#transfer-form select[name=fromAccountId]").getAttribute("value")).isEqualTo(wallet);
        tabTo("form#transfer-form input[name=toAccountId]").sendKeys(payee);
        tabTo("form#transfer-form input[name=amount]").sendKeys("12.50");
        tabTo("form#transfer-form input[name=description]").sendKeys("Keyboard lunch");
        tabTo("form#transfer-form button[type=submit]");
        // Back one control and forward again: Shift+Tab reaches the same fields in reverse.
        assertThat(shiftTabTo("form#transfer-form input[name=description]").getAttribute("value"))
                .isEqualTo("Keyboard lunch");
        press(tabTo("form#transfer-form button[type=submit]"), Keys.SPACE);

        assertThat(find("[data-testid=transfer-recipient]").getText()).isEqualTo("Priya");
        press(tabTo("[data-testid=transfer-confirm]"), Keys.ENTER);
        assertThat(find("[data-testid=transfer-status]").getText()).contains("Sent €12.50");
        assertThat(shop.balance(sender.token(), wallet, "ledger")).isEqualTo(10_000 - 1_250);

        press(tabTo("form#logout-form button"), Keys.SPACE);
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().contains("/login"));
        find("form#login-form");
        assertThat(sessionCookie()).isNull();
    }

    /** Tabs forward until the focused element matches {@code css}, checking the focus is visible at every stop. */
    private WebElement tabTo(String css) {
        return moveTo(css, false);
    }

    private WebElement shiftTabTo(String css) {
        return moveTo(css, true);
    }

    private WebElement moveTo(String css, boolean backwards) {
        var visited = new ArrayList<String>();
        for (int i = 0; i < MAX_TABS; i++) {
            var keys = new Actions(browser);
            if (backwards) {
                keys.keyDown(Keys.SHIFT).sendKeys(Keys.TAB).keyUp(Keys.SHIFT).perform();
            } else {
                keys.sendKeys(Keys.TAB).perform();
            }
            var active = browser.switchTo().activeElement();
            var described = describe(active);
            visited.add(described);
            if (described.startsWith("body")) {
                continue; // past the last control the focus leaves the page for a moment, then starts over
            }
            assertFocusVisible(active, described);
            if ((Boolean) browser.executeScript("return arguments[0].matches(arguments[1])", active, css)) {
                return active;
            }
        }
        return fail("the keyboard never reached %s; focus went %s", css, visited);
    }

    /** The focused control draws an outline (the stylesheet's :focus rule), so a keyboard user sees where they are. */
    private void assertFocusVisible(WebElement active, String described) {
        @SuppressWarnings("unchecked")
        var style = (List<String>) browser.executeScript("""
                const s = getComputedStyle(arguments[0]);
                return [s.outlineStyle, s.outlineWidth, s.boxShadow];""", active);
        var outlined = !"none".equals(style.get(0)) && Double.parseDouble(style.get(1).replace("px", "")) >= 2;
        assertThat(outlined || !"none".equals(style.get(2))).as("visible focus on %s (%s)", described, style)
                .isTrue();
    }

    private String describe(WebElement element) {
        return (String) browser.executeScript("""
                const e = arguments[0];
                return e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.name ? '[name=' + e.name + ']' : '')
                    + ' "' + (e.innerText || e.value || '').trim().slice(0, 30) + '"';""", element);
    }

    /** Presses a key on the focused control and waits for the next page (every press here submits or follows). */
    private void press(WebElement focused, Keys key) {
        new Actions(browser).sendKeys(key).perform();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> {
            try {
                focused.isEnabled();
                return false;
            } catch (org.openqa.selenium.WebDriverException replaced) {
                return true;
            }
        });
    }
}
