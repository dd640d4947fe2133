package dev.coffer.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.support.Shop;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;
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
        open("/login");
        logInAndWait(shop.merchant.email(), PASSWORD);

        go("/merchant");
        type(row(paid) + " input[name=amount]", "999.00");
        submit(row(paid) + " form[action$='/refund'] button");
        assertRefused("error", "refund_exceeds_captured");
        assertThat(find("[data-testid=error]").getText()).contains("€31.50");
        assertThat(payment(shop, paid).path("amountRefunded").asLong()).isZero();

        type(row(paid) + " input[name=amount]", "10.00");
        submit(row(paid) + " form[action$='/refund'] button");
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
}
