package dev.coffer.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.support.Shop;
import java.util.HashSet;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import tools.jackson.databind.JsonNode;

/**
 * Every form tells the truth about a refusal (issue #14): the refusal's message and stable code, no success message,
 * and nothing changed. Several refusals per page, so the browser is started and logged in as few times as possible.
 */
class PageRefusalsBrowserTest extends BrowserTest {

    @Test
    void theMerchantPageShowsRefusedRefundsCapturesAndRevocations() {
        var shop = newShop();
        var shopper = newUser("shopper");
        var wallet = shop.fundedAccount(shopper, "EUR", 10_000);
        var paid = shop.paid(shopper.token(), shop.session(3_150, "automatic"), wallet);
        logInAs(shop.merchant);

        go("/merchant");
        type(row(paid) + " input[name=amount]", "999.00");
        submit(row(paid) + " form[action$='/refund'] button");
        assertRefused("error", "refund_exceeds_captured");
        assertThat(find("[data-testid=error]").getText()).contains("€31.50");
        assertThat(payment(shop, paid).path("amountRefunded").asLong()).isZero();

        type(row(paid) + " input[name=amount]", "10.00");
        submit(row(paid) + " form[action$='/refund'] button");
        assertThat(find("[data-testid=payment-review-amount]").getText()).isEqualTo("€10.00");
        assertThat(payment(shop, paid).path("amountRefunded").asLong()).as("nothing before the confirmation").isZero();
        submit("[data-testid=payment-confirm]");
        assertThat(find("[data-testid=notice]").getText()).contains("€10.00").contains(paid);
        assertThat(all("[role=alert]")).isEmpty();
        assertThat(payment(shop, paid).path("amountRefunded").asLong()).isEqualTo(1_000);

        // Forms rendered before someone else changed the payment: the page must not claim the capture happened.
        var canceled = shop.paid(shopper.token(), shop.session(2_000, "manual"), wallet);
        go("/merchant");
        assertThat(api.post("/api/v1/payments/" + canceled + "/cancel").token(shop.apiKey).send().status())
                .isEqualTo(200);
        submit(row(canceled) + " form[action$='/capture'] button");
        assertRefused("error", "payment_not_capturable");
        assertThat(payment(shop, canceled).path("status").asString()).isEqualTo("canceled");

        var captured = shop.paid(shopper.token(), shop.session(2_000, "manual"), wallet);
        go("/merchant");
        assertThat(api.post("/api/v1/payments/" + captured + "/capture").token(shop.apiKey).send().status())
                .isEqualTo(200);
        submit(row(captured) + " form[action$='/capture'] button");
        assertRefused("error", "payment_not_capturable");
        assertThat(payment(shop, captured).path("amountCaptured").asLong()).isEqualTo(2_000);
        assertThat(shop.balance(shopper.token(), wallet, "ledger")).isEqualTo(10_000 - 3_150 + 1_000 - 2_000);

        go("/merchant");
        var keyId = api.get("/api/v1/merchant/api-keys").token(shop.merchant.token()).send().json().path("data")
                .get(0).path("id").asString();
        assertThat(api.delete("/api/v1/merchant/api-keys/" + keyId).token(shop.merchant.token()).send().status())
                .isEqualTo(204);
        submit("[data-testid=api-key] form button");
        assertRefused("error", "not_found");
        screenshot("merchant-refused");
    }

    @Test
    void theAdminPageShowsRefusedDepositsAndStatusChanges() {
        var admin = newAdmin();
        var saver = newUser("saver");
        var account = emptyAccount(saver);
        logInAs(admin);
        go("/admin");

        type("form#freeze-form input[name=accountId]", account);
        submit("form#freeze-form button[value=freeze]");
        assertThat(find("[data-testid=notice]").getText()).contains(account).contains("frozen");
        deposit(account, "25.00");
        assertRefused("error", "account_frozen");
        screenshot("admin-refused");

        type("form#freeze-form input[name=accountId]", account);
        submit("form#freeze-form button[value=unfreeze]");
        assertThat(find("[data-testid=notice]").getText()).contains("active");
        deposit(account, "12.345");
        assertRefused("error", "invalid_amount");
        deposit("acc_nobody", "25.00");
        assertRefused("error", "not_found");
        type("form#freeze-form input[name=accountId]", "acc_nobody");
        submit("form#freeze-form button[value=freeze]");
        assertRefused("error", "not_found");
        assertThat(ledgerBalance(account)).isZero();
    }

    @Test
    void transfersAndPaymentsWithoutTheMoneyAreRefusedAndMoveNothing() {
        var shop = newShop();
        var shopper = newUser("short");
        var wallet = shop.fundedAccount(shopper, "EUR", 500);
        var payee = shop.fundedAccount(newUser("payee"), "EUR", 0);
        var session = shop.session(2_000, "automatic");
        logInAs(shopper);

        go("/transfer");
        sendTransfer(wallet, payee, "50.00");
        assertRefused("transfer-status", "insufficient_funds");
        assertThat(find("form#transfer-form input[name=amount]").getAttribute("value")).isEqualTo("50.00");
        sendTransfer(wallet, payee, "1.005");
        assertRefused("transfer-status", "invalid_amount");

        go("/pay/" + session);
        new Select(find("form#pay-form select[name=accountId]")).selectByValue(wallet);
        submit("form#pay-form button[type=submit]");
        assertRefused("payment-status", "insufficient_funds");
        assertThat(browser.getCurrentUrl()).startsWith(url("/pay/"));
        screenshot("pay-refused");

        assertThat(ledgerBalance(wallet)).isEqualTo(500);
        assertThat(ledgerBalance(payee)).isZero();
        assertThat(api.get("/api/v1/checkout/sessions/" + session).token(shop.apiKey).send().json().path("status")
                .asString()).isEqualTo("open");
    }

    @Test
    void securitySettingsAndRegistrationShowTheirRefusals() throws Exception {
        var user = newUser("careless");
        logInAs(user);
        go("/settings/security");

        submit("form#mfa-start-form button");
        var secret = find("[data-testid=mfa-secret]").getText();
        type("form#mfa-confirm-form input[name=code]", wrongCode(secret));
        submit("form#mfa-confirm-form button");
        assertRefused("error", "invalid_code");
        assertThat(all("[data-testid=recovery-codes]")).isEmpty();
        assertThat(api.get("/api/v1/me").token(user.token()).send().json().path("mfaEnabled").asBoolean()).isFalse();

        type("form#password-form input[name=currentPassword]", "not the password at all");
        type("form#password-form input[name=newPassword]", "a brand new long passphrase");
        submit("form#password-form button");
        assertRefused("error", "invalid_credentials");
        var elsewhere = login(user.id(), user.email(), PASSWORD); // the old password still works

        // A session listed on the page is ended elsewhere; then its stale "End" button is pressed.
        go("/settings/security");
        var elsewhereId = currentSessionId(elsewhere.token());
        assertThat(api.delete("/api/v1/sessions/current").token(elsewhere.token()).send().status()).isEqualTo(204);
        submit("[data-testid=session][data-session-id='" + elsewhereId + "'] [data-testid=revoke-session]");
        assertRefused("error", "not_found");

        open("/register");
        type("form#register-form input[name=email]", user.email());
        type("form#register-form input[name=displayName]", "Someone Else");
        type("form#register-form input[name=password]", PASSWORD + " too");
        submit("form#register-form button[type=submit]");
        assertRefused("error", "email_taken");
        assertThat(sessionCookie()).isNull();
        assertThat(jdbc.sql("SELECT count(*) FROM users WHERE email = :email").param("email", user.email())
                .query(Long.class).single()).isEqualTo(1);
    }

    /**
     * The page shows this refusal (under the page's own test id, with the refusal's stable code) and no success
     * message: nothing with {@code role=status}, which every success message on every page carries.
     */
    private void assertRefused(String testId, String code) {
        find("form#logout-form, form#register-form");
        assertThat(all("[role=status]")).extracting(WebElement::getText).isEmpty();
        var error = find("[data-testid=" + testId + "][role=alert]");
        assertThat(error.getAttribute("data-code")).isEqualTo(code);
        assertThat(error.getText()).isNotBlank();
        assertThat(all("[role=alert]")).hasSize(1);
    }

    private static String row(String paymentId) {
        return "[data-testid=merchant-payment][data-payment-id='" + paymentId + "']";
    }

    private JsonNode payment(Shop shop, String paymentId) {
        return api.get("/api/v1/payments/" + paymentId).token(shop.apiKey).send().json();
    }

    /** The form, then its confirmation when the review step accepts it (one it refuses is shown with the form). */
    private void deposit(String account, String amount) {
        type("form#deposit-form input[name=accountId]", account);
        type("form#deposit-form input[name=amount]", amount);
        submit("form#deposit-form button");
        if (!all("[data-testid=deposit-confirm]").isEmpty()) {
            submit("[data-testid=deposit-confirm]");
        }
    }

    private void sendTransfer(String from, String to, String amount) {
        new Select(find("form#transfer-form select[name=fromAccountId]")).selectByValue(from);
        type("form#transfer-form input[name=toAccountId]", to);
        type("form#transfer-form input[name=amount]", amount);
        submit("form#transfer-form button[type=submit]");
        // A form the review step accepts goes on to its confirmation; one it refuses is shown again.
        if (!all("[data-testid=transfer-confirm]").isEmpty()) {
            submit("[data-testid=transfer-confirm]");
        }
    }

    private long ledgerBalance(String account) {
        return jdbc.sql("SELECT ledger_balance FROM accounts WHERE id = :id").param("id", account)
                .query(Long.class).single();
    }

    private String currentSessionId(String token) {
        for (var session : api.get("/api/v1/sessions").token(token).send().json().path("data")) {
            if (session.path("current").asBoolean()) {
                return session.path("id").asString();
            }
        }
        throw new AssertionError("no current session");
    }

    /** A well-formed code that no step near now produces (the server accepts a little clock drift). */
    private static String wrongCode(String secret) throws Exception {
        var valid = new HashSet<String>();
        long now = System.currentTimeMillis() / 1000 / 30;
        for (long step = now - 3; step <= now + 3; step++) {
            valid.add(CheckoutAndSecurityBrowserTest.totp(secret, step));
        }
        return valid.contains("000000") ? "111111" : "000000";
    }
}
