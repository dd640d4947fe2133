package dev.coffer.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;

/**
 * An authorized checkout not yet captured shows as a pending row on the dashboard and the account page, marked
 * "Pending", apart from the posted transactions ({@code [data-testid=txn]} keeps meaning posted); once captured it
 * is posted, once released it is gone.
 */
class PendingHoldsBrowserTest extends BrowserTest {

    @Test
    void aHeldPaymentIsPendingUntilCapturedAndGoneWhenReleased() {
        var shop = newShop();
        jdbc.sql("UPDATE users SET display_name = 'Pizza Palace' WHERE id = :id").param("id", shop.merchant.id())
                .update();
        var diner = newUser("diner");
        var wallet = shop.fundedAccount(diner, "EUR", 10_000);
        var held = shop.paid(diner.token(), shop.session(2_000, "manual"), wallet);
        var released = shop.paid(diner.token(), shop.session(700, "manual"), wallet);
        logInAs(diner);

        assertThat(all("[data-testid=pending-txn]")).hasSize(2);
        var postedBefore = all("[data-testid=txn]").size();
        assertThat(postedBefore).as("the deposit only").isEqualTo(1);
        var row = all("[data-testid=pending-txn]").getFirst();
        assertThat(row.getText()).contains("Pending").contains("Pizza Palace").contains("−€7.00");
        assertThat(all("[data-testid=pending-txn]")).extracting(WebElement::getText)
                .anySatisfy(text -> assertThat(text).contains("−€20.00"));
        assertThat(find("[data-testid=account][data-account-id='" + wallet + "'] [data-testid=balance-available]")
                .getText()).isEqualTo("€73.00");
        screenshot("dashboard-pending");

        go("/accounts/" + wallet);
        assertThat(all("[data-testid=pending-txn]")).hasSize(2);
        assertThat(all("[data-testid=pending-label]")).extracting(WebElement::getText).containsOnly("Pending");
        assertThat(all("[data-testid=txn]")).hasSize(1);

        assertThat(api.post("/api/v1/payments/" + held + "/capture").token(shop.apiKey).send().status())
                .isEqualTo(200);
        assertThat(api.post("/api/v1/payments/" + released + "/cancel").token(shop.apiKey).send().status())
                .isEqualTo(200);
        go("/accounts/" + wallet);
        assertThat(all("[data-testid=pending-txn]")).isEmpty();
        assertThat(all("[data-testid=txn]")).hasSize(2);
        go("/");
        assertThat(all("[data-testid=pending-txn]")).isEmpty();
        assertThat(all("[data-testid=txn]")).hasSize(2);
    }

    @Test
    void anotherUsersHoldsAreNotShown() {
        var shop = newShop();
        var diner = newUser("holder");
        var wallet = shop.fundedAccount(diner, "EUR", 10_000);
        shop.paid(diner.token(), shop.session(2_000, "manual"), wallet);
        var neighbour = newUser("neighbour");
        shop.fundedAccount(neighbour, "EUR", 100);
        logInAs(neighbour);
        assertThat(all("[data-testid=pending-txn]")).isEmpty();
        assertThat(all("[data-testid=txn]")).hasSize(1);
    }
}
