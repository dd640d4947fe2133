package dev.coffer.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A browser that logged in once keeps a device cookie: when strangers' wrong guesses lock the email, this browser
 * still logs in, and the security page lists the devices with a control to forget one.
 */
class KnownDeviceBrowserTest extends BrowserTest {

    @Test
    void theOwnersBrowserLogsInWhileStrangersAreLockedOut() {
        var owner = newUser("device-owner");
        logInAs(owner);
        var deviceCookie = browser.manage().getCookieNamed("coffer_device");
        assertThat(deviceCookie).isNotNull();
        assertThat(deviceCookie.isHttpOnly()).isTrue();
        assertThat(deviceCookie.getValue()).startsWith("cfd_");

        go("/settings/security");
        assertThat(all("[data-testid=device]")).as("the API login of newUser and this browser").hasSize(2);
        submit("form#logout-form button");

        for (int i = 0; i < 5; i++) {
            api.post("/api/v1/sessions").json(Map.of("email", owner.email(), "password", "stranger " + i)).send();
        }
        assertThat(api.post("/api/v1/sessions").json(Map.of("email", owner.email(), "password", PASSWORD)).send()
                .status()).as("unknown devices are locked").isEqualTo(429);

        go("/login"); // not open(): that drops every cookie, the device's too
        logInAndWait(owner.email(), PASSWORD);
        go("/settings/security");
        assertThat(all("[data-testid=device]")).as("no new device: the cookie was recognised").hasSize(2);
        submit("[data-testid=device] [data-testid=forget-device]");
        assertThat(find("[data-testid=notice]").getText()).contains("forgotten");
        assertThat(all("[data-testid=device]")).hasSize(1);
    }
}
