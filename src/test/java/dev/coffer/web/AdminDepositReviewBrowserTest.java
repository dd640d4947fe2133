package dev.coffer.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Admin deposits and withdrawals ask first: the confirmation names the account's owner, the account and its
 * currency, and nothing moves until it is confirmed; a refusal found only at the confirmation is shown as such.
 */
class AdminDepositReviewBrowserTest extends BrowserTest {

    @Test
    void aDepositAndAWithdrawalNameTheOwnerAndCurrencyBeforeAnythingMoves() {
        var admin = newAdmin();
        var owner = newUser("Yuki");
        var yen = api.post("/api/v1/accounts").token(owner.token()).json(Map.of("currency", "JPY", "name", "Yen pot"))
                .send().json().path("id").asString();
        logInAs(admin);
        go("/admin");

        fill(yen, "1200", "Cash in");
        var review = find("[data-testid=deposit-review]");
        assertThat(review.getAttribute("data-kind")).isEqualTo("deposit");
        assertThat(find("[data-testid=deposit-owner]").getText()).isEqualTo("Yuki");
        assertThat(find("[data-testid=deposit-currency]").getText()).isEqualTo("JPY");
        assertThat(find("[data-testid=deposit-amount]").getText()).isEqualTo("¥1,200");
        assertThat(review.getText()).contains("Yen pot").contains(yen).contains("Cash in");
        screenshot("admin-deposit-review");
        assertThat(ledgerBalance(yen)).as("nothing moves before the confirmation").isZero();
        submit("[data-testid=deposit-confirm]");
        assertThat(find("[data-testid=notice]").getText()).contains("Deposited ¥1,200").contains("Yuki");
        assertThat(ledgerBalance(yen)).isEqualTo(1_200);

        find("form#deposit-form [data-testid=kind-withdrawal]").click();
        fill(yen, "200", "");
        assertThat(find("[data-testid=deposit-review]").getAttribute("data-kind")).isEqualTo("withdrawal");
        assertThat(find("[data-testid=deposit-confirm]").getText()).isEqualTo("Withdraw ¥200");
        assertThat(ledgerBalance(yen)).isEqualTo(1_200);
        submit("[data-testid=deposit-confirm]");
        assertThat(find("[data-testid=notice]").getText()).contains("Withdrew ¥200").contains("Yuki");
        assertThat(ledgerBalance(yen)).isEqualTo(1_000);
    }

    @Test
    void theReviewRefusesWhatTheMoveWouldAndAChangeMeanwhileIsShownAtTheConfirmation() {
        var admin = newAdmin();
        var owner = newUser("Fran");
        var account = emptyAccount(owner);
        logInAs(admin);
        go("/admin");

        fill("acc_nobody", "10.00", "");
        assertRefused("not_found");
        fill(account, "10.005", "");
        assertRefused("invalid_amount");
        assertThat(all("[data-testid=deposit-review]")).isEmpty();

        fill(account, "10.00", "");
        assertThat(find("[data-testid=deposit-owner]").getText()).isEqualTo("Fran");
        assertThat(api.post("/api/v1/admin/accounts/" + account + "/freeze").token(admin.token()).send().status())
                .isEqualTo(200);
        submit("[data-testid=deposit-confirm]");
        assertRefused("account_frozen");
        assertThat(ledgerBalance(account)).isZero();
    }

    private void fill(String account, String amount, String reference) {
        type("form#deposit-form input[name=accountId]", account);
        type("form#deposit-form input[name=amount]", amount);
        type("form#deposit-form input[name=reference]", reference);
        submit("form#deposit-form button");
    }

    private void assertRefused(String code) {
        var error = find("[data-testid=error][role=alert]");
        assertThat(error.getAttribute("data-code")).isEqualTo(code);
        assertThat(all("[role=status]")).isEmpty();
    }

    private long ledgerBalance(String account) {
        return jdbc.sql("SELECT ledger_balance FROM accounts WHERE id = :id").param("id", account)
                .query(Long.class).single();
    }
}
