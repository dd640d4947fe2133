package dev.coffer.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Four eyes on /admin: one admin's large deposit waits; a second admin approves it on the page; it posts once. */
class AdminApprovalsBrowserTest extends BrowserTest {

    @Test
    void aSecondAdminApprovesALargeDepositOnTheAdminPage() {
        var maker = newUser("maker");
        grantRoles(maker.id(), "customer", "admin");
        var checker = newUser("checker");
        grantRoles(checker.id(), "customer", "admin");
        var customer = newUser("customer");
        var account = api.post("/api/v1/accounts").token(customer.token()).json(Map.of("currency", "EUR", "name",
                "Wallet")).send().json().path("id").asString();

        open("/login");
        logInAndWait(maker.email(), PASSWORD);
        go("/admin");
        type("form#deposit-form input[name=accountId]", account);
        type("form#deposit-form input[name=amount]", "12000.00");
        type("form#deposit-form input[name=reference]", "Large cheque");
        submit("form#deposit-form button");
        assertThat(find("[data-testid=deposit-review]").getText()).contains("second admin");
        submit("[data-testid=deposit-confirm]");
        assertThat(find("[data-testid=notice]").getText()).contains("Waiting for a second admin");
        var row = find("[data-testid=approval]");
        assertThat(row.getText()).contains(account).contains("Large cheque");
        assertThat(row.findElement(org.openqa.selenium.By.cssSelector("[data-testid=approve]")).isEnabled())
                .as("not one's own").isFalse();
        assertThat(balance(account)).isZero();

        open("/login");
        logInAndWait(checker.email(), PASSWORD);
        go("/admin");
        screenshot("admin-approvals");
        submit("[data-testid=approval] [data-testid=approve]");
        assertThat(find("[data-testid=notice]").getText()).contains("approved");
        assertThat(all("[data-testid=approval]")).isEmpty();
        assertThat(balance(account)).isEqualTo(1_200_000);
    }

    private long balance(String account) {
        return jdbc.sql("SELECT ledger_balance FROM accounts WHERE id = :id").param("id", account).query(Long.class)
                .single();
    }
}
