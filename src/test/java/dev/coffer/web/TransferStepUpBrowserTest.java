package dev.coffer.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.support.TotpCodes;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.support.ui.Select;

/** A large transfer to a new payee on the page: the confirmation step names the payee and asks for the code inline. */
class TransferStepUpBrowserTest extends BrowserTest {

    @Test
    void theConfirmationStepAsksForTheCodeAndAWrongOneMovesNothing() {
        clock.freezeAt(Instant.now());
        var shop = newShop();
        var alice = newUser("alice");
        var wallet = shop.fundedAccount(alice, "EUR", 100_000);
        var payee = shop.fundedAccount(newUser("carol"), "EUR", 0);
        var secret = api.post("/api/v1/me/mfa/totp").token(alice.token()).send().json().path("secret").asString();
        assertThat(api.post("/api/v1/me/mfa/totp/confirm").token(alice.token()).json(Map.of("code", code(secret)))
                .send().status()).isEqualTo(200);

        open("/login");
        clock.freezeAt(clock.instant().plusSeconds(30));
        logIn(alice.email(), PASSWORD);
        type("input[name=totp]", code(secret));
        submit("form#login-form button[type=submit]");
        find("form#logout-form");

        go("/transfer");
        new Select(find("form#transfer-form select[name=fromAccountId]")).selectByValue(wallet);
        type("form#transfer-form input[name=toAccountId]", payee);
        type("form#transfer-form input[name=amount]", "300.00");
        submit("form#transfer-form button[type=submit]");
        assertThat(find("[data-testid=transfer-recipient]").getText()).isEqualTo("carol");
        type("[data-testid=transfer-code]", "000000");
        screenshot("transfer-step-up");
        submit("[data-testid=transfer-confirm]");
        screenshot("transfer-step-up-wrong-code");
        assertThat(find("[data-testid=transfer-status]").getText()).contains("Not sent");
        assertThat(balance(payee)).isZero();

        clock.freezeAt(clock.instant().plusSeconds(30));
        type("[data-testid=transfer-code]", code(secret));
        submit("[data-testid=transfer-confirm]");
        assertThat(find("[data-testid=transfer-status]").getText()).contains("posted").contains("€300.00");
        assertThat(balance(payee)).isEqualTo(30_000);
    }

    @Test
    void aLargePaymentOnThePayPageAsksForTheCodeInline() {
        clock.freezeAt(Instant.now());
        var shop = newShop();
        var alice = newUser("alice");
        var wallet = shop.fundedAccount(alice, "EUR", 100_000);
        var secret = api.post("/api/v1/me/mfa/totp").token(alice.token()).send().json().path("secret").asString();
        assertThat(api.post("/api/v1/me/mfa/totp/confirm").token(alice.token()).json(Map.of("code", code(secret)))
                .send().status()).isEqualTo(200);
        var session = shop.session(40_000, "automatic");

        open("/login");
        clock.freezeAt(clock.instant().plusSeconds(30));
        logIn(alice.email(), PASSWORD);
        type("input[name=totp]", code(secret));
        submit("form#login-form button[type=submit]");
        find("form#logout-form");

        go("/pay/" + session);
        new Select(find("form#pay-form select[name=accountId]")).selectByValue(wallet);
        submit("form#pay-form button[type=submit]");
        assertThat(find("[data-testid=payment-status]").getAttribute("data-code")).isEqualTo("step_up_required");
        clock.freezeAt(clock.instant().plusSeconds(30));
        type("[data-testid=payment-code]", code(secret));
        screenshot("pay-step-up");
        find("form#pay-form button[type=submit]").click();
        // Paid, the browser goes on to the shop's success page (off-line here): the money tells.
        new org.openqa.selenium.support.ui.WebDriverWait(browser, java.time.Duration.ofSeconds(10))
                .until(d -> balance(wallet) == 60_000);
    }

    private String code(String secret) {
        return TotpCodes.code(secret, clock.instant().getEpochSecond() / 30);
    }

    private long balance(String account) {
        return jdbc.sql("SELECT ledger_balance FROM accounts WHERE id = :id").param("id", account).query(Long.class)
                .single();
    }
}
