package dev.coffer.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** People see names and their own way of writing money: whom they pay, who paid, totals in their locale. */
class NamesAndLocaleBrowserTest extends BrowserTest {

    @Test
    void aShopperSeesWhomTheyPayBeforeAndAfterLoggingIn() {
        var shop = newShop();
        var shopper = newUser("shopper");
        shop.fundedAccount(shopper, "EUR", 1_037_450);
        var session = shop.session(990, "automatic");

        open("/pay/" + session);
        assertThat(find("[data-testid=login-destination]").getText())
                .isEqualTo("Log in to pay " + displayName(shop.merchant.id()) + " €9.90.");
        logIn(shopper.email(), PASSWORD);

        assertThat(find("h1").getText()).isEqualTo("Pay " + displayName(shop.merchant.id()));
        assertThat(find("[data-testid=expires]").getText()).contains("expires in");
        assertThat(find("[data-testid=back-to-shop]").getAttribute("href")).isEqualTo("https://shop.example/");
        assertThat(find("form#pay-form select[name=accountId]").getText()).contains("€10,374.50 available");
        submit("form#pay-form button[type=submit]");

        logInAs(shop.merchant);
        go("/merchant");
        assertThat(find("[data-testid=merchant-payment-customer]").getText()).isEqualTo(displayName(shopper.id()));
    }

    @Test
    void amountsFollowTheViewersLanguageWithGrouping() {
        var shop = newShop();
        var saver = newUser("saver");
        shop.fundedAccount(saver, "EUR", 1_037_450);
        shop.fundedAccount(saver, "EUR", 50);
        shop.fundedAccount(saver, "JPY", 1_200_000);
        logInAs(saver);

        var english = page("/", "en-US");
        assertThat(english).contains("€10,375.00").contains("¥1,200,000");
        var german = page("/", "de-DE,de;q=0.9");
        assertThat(german).contains("10.375,00\u00a0€").contains("1.200.000\u00a0¥");
        var none = page("/", null);
        assertThat(none).contains("€10,375.00");
    }

    @Test
    void ownMovesNameTheOtherAccountAndDepositsShowTheirReference() {
        var shop = newShop();
        var saver = newUser("mover");
        var wallet = shop.fundedAccount(saver, "EUR", 5_000);
        var pot = api.post("/api/v1/accounts").token(saver.token())
                .json(java.util.Map.of("currency", "EUR", "name", "Holiday pot")).send().json().path("id").asString();
        var moved = api.post("/api/v1/transfers").token(saver.token())
                .header("Idempotency-Key", java.util.UUID.randomUUID().toString())
                .json(java.util.Map.of("fromAccountId", wallet, "toAccountId", pot, "amount", 1_000, "currency", "EUR"))
                .send();
        assertThat(moved.status()).as(moved.toString()).isEqualTo(201);
        logInAs(saver);
        go("/accounts/" + wallet);
        var rows = all("[data-testid=txn]");
        assertThat(rows.getFirst().getText()).contains("Holiday pot");
        assertThat(rows.getLast().getText()).contains("deposit · test");
    }

    private String page(String path, String acceptLanguage) {
        var call = api.get(path).header("Cookie", "coffer_session=" + sessionCookie()).header("Accept", "text/html");
        if (acceptLanguage != null) {
            call = call.header("Accept-Language", acceptLanguage);
        }
        var response = call.send();
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.body();
    }

    private String displayName(String userId) {
        return jdbc.sql("SELECT display_name FROM users WHERE id = :id").param("id", userId).query(String.class)
                .single();
    }
}
