package dev.coffer.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/** A person in a browser: register, log in, see balances, send money, see it on both sides; locked out; CSRF. */
class BankPagesBrowserTest extends BrowserTest {

    @Test
    void registerLogInTransferAndSeeItOnBothSides() {
        var admin = newUser("admin");
        grantRoles(admin.id(), "customer", "admin");
        var bob = newUser("bob");
        var bobAccount = openAccount(bob.token(), "EUR");

        open("/register");
        var email = uniqueEmail("alice");
        type("form#register-form input[name=email]", email);
        type("form#register-form input[name=displayName]", "Alice Browser");
        type("form#register-form input[name=password]", PASSWORD);
        screenshot("register");
        submit("form#register-form button[type=submit]");
        find("form#logout-form");
        var alice = login(null, email, PASSWORD);
        var aliceAccount = openAccount(alice.token(), "EUR");
        deposit(admin.token(), aliceAccount, 10_000);

        go("/");
        var card = find("[data-testid=account][data-account-id='" + aliceAccount + "']");
        assertThat(card.findElement(By.cssSelector("[data-testid=balance-available]")).getText()).isEqualTo("€100.00");
        screenshot("dashboard");

        go("/transfer");
        new Select(find("form#transfer-form select[name=fromAccountId]")).selectByValue(aliceAccount);
        type("form#transfer-form input[name=toAccountId]", bobAccount);
        type("form#transfer-form input[name=amount]", "12.50");
        type("form#transfer-form input[name=description]", "Pizza night");
        screenshot("transfer");
        submit("form#transfer-form button[type=submit]");
        // The confirmation step names the recipient before any money moves.
        assertThat(find("[data-testid=transfer-recipient]").getText()).isEqualTo("bob");
        assertThat(api.get("/api/v1/accounts/" + bobAccount).token(bob.token()).send().json().path("balance")
                .path("ledger").asLong()).isZero();
        screenshot("transfer-confirm");
        submit("[data-testid=transfer-confirm]");
        assertThat(find("[data-testid=transfer-status]").getText()).contains("posted").contains("€12.50");

        go("/accounts/" + aliceAccount);
        var newest = all("[data-testid=txn]").getFirst();
        assertThat(newest.getText()).contains("Pizza night").contains("−€12.50");
        screenshot("account-history");
        assertThat(api.get("/api/v1/accounts/" + bobAccount + "/transactions").token(bob.token()).send().json()
                .path("data").get(0).path("amount").asLong()).isEqualTo(1250);

        open("/accounts/" + aliceAccount);
        assertThat(driver().getCurrentUrl()).contains("/login");
    }

    @Test
    void aDoubleSubmittedTransferMovesMoneyOnce() {
        var admin = newUser("admin");
        grantRoles(admin.id(), "customer", "admin");
        var payer = newUser("payer");
        var from = openAccount(payer.token(), "EUR");
        var to = openAccount(newUser("payee").token(), "EUR");
        deposit(admin.token(), from, 5_000);

        logInAs(payer);
        go("/transfer");
        new Select(find("form#transfer-form select[name=fromAccountId]")).selectByValue(from);
        type("form#transfer-form input[name=toAccountId]", to);
        type("form#transfer-form input[name=amount]", "10.00");
        var key = find("form#transfer-form input[name=idempotencyKey]").getAttribute("value");
        submit("form#transfer-form button[type=submit]");
        var csrf = find("form#transfer-confirm-form input[name=_csrf]").getAttribute("value");
        submit("[data-testid=transfer-confirm]");
        assertThat(find("[data-testid=transfer-status]").getText()).contains("posted");

        // The same form, sent again (a second click, a reload that resubmits): same key, no second transfer.
        var resubmit = api.post("/transfer").header("Cookie", "coffer_session=" + sessionCookie() + "; XSRF-TOKEN="
                        + browser.manage().getCookieNamed("XSRF-TOKEN").getValue())
                .body("application/x-www-form-urlencoded", "fromAccountId=" + from + "&toAccountId=" + to
                        + "&amount=10.00&description=&step=confirm&idempotencyKey=" + key + "&_csrf="
                        + java.net.URLEncoder.encode(csrf, java.nio.charset.StandardCharsets.UTF_8))
                .send();
        assertThat(resubmit.status()).isEqualTo(200);
        assertThat(resubmit.body()).contains("already sent before");
        assertThat(balance(from)).isEqualTo(4_000);
    }

    @Test
    void aForgedCrossSitePostIsRefused() {
        var victim = newUser("victim");
        var from = openAccount(victim.token(), "EUR");
        logInAs(victim);
        var forged = api.post("/transfer").header("Cookie", "coffer_session=" + sessionCookie())
                .body("application/x-www-form-urlencoded", "fromAccountId=" + from
                        + "&toAccountId=acc_attacker&amount=1.00&idempotencyKey=" + UUID.randomUUID())
                .send();
        assertThat(forged.status()).isEqualTo(403);
    }

    @Test
    void repeatedWrongPasswordsShowTheLockout() {
        var user = newUser("forgetful");
        open("/login");
        for (int i = 0; i < 5; i++) {
            logIn(user.email(), "not my password at all");
            assertThat(find("[data-testid=error]").getText()).contains("wrong");
        }
        logIn(user.email(), PASSWORD);
        assertThat(find("[data-testid=error]").getText()).contains("Too many attempts");
        screenshot("login-locked");
    }

    private String openAccount(String token, String currency) {
        return api.post("/api/v1/accounts").token(token).json(Map.of("currency", currency, "name", "Main")).send()
                .json().path("id").asString();
    }

    private void deposit(String adminToken, String account, long amount) {
        var response = api.post("/api/v1/admin/accounts/" + account + "/deposits").token(adminToken)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .json(Map.of("amount", amount, "reference", "browser test")).send();
        assertThat(response.status()).isEqualTo(201);
    }

    private long balance(String account) {
        return jdbc.sql("SELECT ledger_balance FROM accounts WHERE id = :id").param("id", account)
                .query(Long.class).single();
    }
}
