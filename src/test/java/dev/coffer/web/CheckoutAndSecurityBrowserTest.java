package dev.coffer.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.coffer.support.WebhookReceiver;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.commons.codec.binary.Base32;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.support.ui.Select;

/** Buy Now in a browser, two-factor enrolment and login, and the merchant and admin pages. */
class CheckoutAndSecurityBrowserTest extends BrowserTest {

    @Test
    void buyNowFromTheShopToTheSuccessPage() throws Exception {
        var shop = newShop();
        var shopper = newUser("shopper");
        var wallet = shop.fundedAccount(shopper, "EUR", 10_000);
        try (var shopSite = new WebhookReceiver()) {
            var successUrl = shopSite.url() + "?order=42";
            var session = shop.createSession(Map.of("currency", "EUR", "captureMethod", "automatic",
                    "settlementAccountId", shop.settlementAccount, "successUrl", successUrl,
                    "lineItems", List.of(Map.of("name", "Margherita", "quantity", 2, "unitAmount", 850),
                            Map.of("name", "Lemonade", "quantity", 1, "unitAmount", 300))));
            var payUrl = session.json().path("url").asString();

            open("/favicon.svg");
            browser.get(payUrl);
            assertThat(driver().getCurrentUrl()).contains("/login");
            logIn(shopper.email(), PASSWORD);
            assertThat(find("[data-testid=total]").getText()).isEqualTo("€20.00");
            assertThat(all("[data-testid=line-item]")).hasSize(2);
            new Select(find("form#pay-form select[name=accountId]")).selectByValue(wallet);
            screenshot("pay");
            submit("form#pay-form button[type=submit]");
            await().atMost(Duration.ofSeconds(10)).until(() -> driver().getCurrentUrl().startsWith(successUrl));
        }
        var payments = api.get("/api/v1/events?type=payment.succeeded").token(shop.apiKey).send().json().path("data");
        assertThat(payments).hasSize(1);
        assertThat(payments.get(0).path("data").path("amount").asLong()).isEqualTo(2_000);
        assertThat(shop.balance(shopper.token(), wallet, "ledger")).isEqualTo(8_000);

        logInAs(shop.merchant);
        go("/merchant");
        assertThat(find("[data-testid=merchant-payment-status]").getText()).isEqualTo("succeeded");
        screenshot("merchant");
    }

    @Test
    void twoFactorEnrolmentAndLoginWithAComputedCode() throws Exception {
        var user = newUser("careful");
        logInAs(user);
        go("/settings/security");
        assertThat(all("[data-testid=session]")).isNotEmpty();
        submit("form#mfa-start-form button");
        var secret = find("[data-testid=mfa-secret]").getText();
        assertThat(find("[data-testid=mfa-qr]")).isNotNull();
        screenshot("security-mfa-setup");
        type("form#mfa-confirm-form input[name=code]", "000000");
        submit("form#mfa-confirm-form button");
        assertThat(find("[data-testid=error]").getText()).contains("does not match");
        assertThat(find("[data-testid=mfa-secret]").getText()).as("a mistyped code keeps the QR code").isEqualTo(secret);
        assertThat(find("[data-testid=mfa-qr]")).isNotNull();
        type("form#mfa-confirm-form input[name=code]", totp(secret, System.currentTimeMillis() / 1000 / 30));
        submit("form#mfa-confirm-form button");
        assertThat(find("[data-testid=recovery-codes]").getText()).contains("-");

        submit("form#logout-form button");
        logIn(user.email(), PASSWORD);
        var codeField = find("form#login-form input[name=totp]");
        codeField.sendKeys(totp(secret, System.currentTimeMillis() / 1000 / 30 + 1));
        submit("form#login-form button");
        find("form#logout-form");
        assertThat(driver().getCurrentUrl()).isEqualTo(url("/"));
    }

    @Test
    void theAdminPageShowsTheVerifierAndDeposits() {
        var admin = newAdmin();
        var saver = newUser("saver");
        var account = emptyAccount(saver);
        logInAs(admin);
        go("/admin");
        submit("[data-testid=verify-now]");
        assertThat(find("[data-testid=verification]").getText()).contains("The books balance");
        assertThat(find("[data-testid=verification-time]").getText()).matches("Checked .* UTC in \\d+ ms\\.");
        type("form#deposit-form input[name=accountId]", account);
        type("form#deposit-form input[name=amount]", "25.00");
        submit("form#deposit-form button");
        assertThat(find("[data-testid=deposit-owner]").getText()).isEqualTo("saver");
        submit("[data-testid=deposit-confirm]");
        assertThat(find("[data-testid=notice]").getText()).contains("Deposited €25.00").contains("saver");
        screenshot("admin");
        logInAs(saver);
        go("/admin");
        assertThat(find("[data-testid=error-title]").getText()).isEqualTo("Not allowed");
        assertThat(find("main a[href='/']").getText()).contains("Back");
    }

    /** RFC 6238 written here from the RFC, independent of the server's implementation. */
    static String totp(String base32Secret, long step) throws Exception {
        var mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(new Base32().decode(base32Secret), "HmacSHA1"));
        var hash = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
        int offset = hash[19] & 0xf;
        int value = ((hash[offset] & 0x7f) << 24 | (hash[offset + 1] & 0xff) << 16 | (hash[offset + 2] & 0xff) << 8
                | (hash[offset + 3] & 0xff)) % 1_000_000;
        return String.format("%06d", value);
    }
}
