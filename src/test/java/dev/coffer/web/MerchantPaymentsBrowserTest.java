package dev.coffer.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.support.Shop;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import tools.jackson.databind.JsonNode;

/**
 * The merchant's payments: filters and pages (newest first), and capture, cancel and refund through a
 * confirmation that says what will happen, how much and whose money, then the real outcome: a success, or the
 * refusal when the payment changed between the confirmation and the click.
 */
class MerchantPaymentsBrowserTest extends BrowserTest {

    @Test
    void thePaymentsListFiltersByStatusAndDayAndPagesNewestFirst() {
        var shop = newShop();
        var shopper = newUser("shopper");
        var wallet = shop.fundedAccount(shopper, "EUR", 100_000);
        var firstDay = clock.instant().toString().substring(0, 10);
        var newestFirst = new ArrayList<String>();
        var held = new ArrayList<String>();
        for (int i = 0; i < 23; i++) {
            clock.advance(Duration.ofSeconds(2)); // distinct times; less than a token's life in all
            var manual = i % 10 == 3;
            var paid = shop.paid(shopper.token(), shop.session(100 + i, manual ? "manual" : "automatic"), wallet);
            newestFirst.addFirst(paid);
            if (manual) {
                held.addFirst(paid);
            }
        }
        logInAs(shop.merchant);

        go("/merchant");
        assertThat(shownPayments()).containsExactlyElementsOf(newestFirst.subList(0, 20));
        assertThat(find("[data-testid=merchant-payment-customer]").getText()).isEqualTo("shopper");
        browser.get(find("a[data-testid=payments-next-page]").getAttribute("href"));
        assertThat(shownPayments()).containsExactlyElementsOf(newestFirst.subList(20, 23));
        assertThat(all("a[data-testid=payments-next-page]")).isEmpty();

        go("/merchant");
        new Select(find("form#payment-filter-form select[name=status]")).selectByValue("requires_capture");
        submit("[data-testid=filter-payments]");
        assertThat(shownPayments()).containsExactlyElementsOf(held);
        assertThat(all("[data-testid=merchant-payment-status]")).extracting(WebElement::getText)
                .containsOnly("requires_capture");
        screenshot("merchant-payments-filtered");

        var lastDay = clock.instant().toString().substring(0, 10);
        var tomorrow = clock.instant().plus(Duration.ofDays(1)).toString().substring(0, 10);
        go("/merchant?status=succeeded&from=" + firstDay + "&to=" + lastDay);
        assertThat(shownPayments()).hasSize(20).doesNotContainAnyElementsOf(held);
        browser.get(find("a[data-testid=payments-next-page]").getAttribute("href"));
        assertThat(find("form#payment-filter-form select[name=status]").getAttribute("value")).isEqualTo("succeeded");
        assertThat(shownPayments()).hasSize(23 - held.size() - 20);
        go("/merchant?from=" + tomorrow);
        assertThat(find("[data-testid=no-payments]").getText()).contains("match");

        go("/merchant?from=2026-13-45");
        assertThat(find("[data-testid=error]").getAttribute("data-code")).isEqualTo("invalid_parameter");
        assertThat(shownPayments()).hasSize(20);
        go("/merchant?cursor=garbage");
        assertThat(find("[data-testid=error]").getAttribute("data-code")).isEqualTo("invalid_cursor");
    }

    @Test
    void captureCancelAndRefundAreConfirmedFirstThenTold() {
        var shop = newShop();
        var shopper = newUser("Ingrid");
        var wallet = shop.fundedAccount(shopper, "EUR", 100_000);
        var toCapture = shop.paid(shopper.token(), shop.session(2_000, "manual"), wallet);
        var toCancel = shop.paid(shopper.token(), shop.session(1_500, "manual"), wallet);
        var toRefund = shop.paid(shopper.token(), shop.session(3_150, "automatic"), wallet);
        logInAs(shop.merchant);
        go("/merchant");

        submit(row(toCapture) + " form[action$='/capture'] button");
        assertReview("capture", "Ingrid", "€20.00");
        assertThat(find("[data-testid=payment-review-effect]").getText()).contains("Capture €20.00 from Ingrid");
        screenshot("merchant-capture-review");
        assertThat(payment(shop, toCapture).path("status").asString()).isEqualTo("requires_capture");
        submit("[data-testid=payment-confirm]");
        assertThat(find("[data-testid=notice]").getText()).contains("Captured €20.00 from Ingrid").contains(toCapture);
        assertThat(payment(shop, toCapture).path("amountCaptured").asLong()).isEqualTo(2_000);

        submit(row(toCancel) + " form[action$='/cancel'] button");
        assertReview("cancel", "Ingrid", "€15.00");
        submit("[data-testid=payment-review-back]");
        assertThat(all("[data-testid=payment-review]")).isEmpty();
        assertThat(payment(shop, toCancel).path("status").asString()).isEqualTo("requires_capture");
        submit(row(toCancel) + " form[action$='/cancel'] button");
        submit("[data-testid=payment-confirm]");
        assertThat(find("[data-testid=notice]").getText()).contains("Canceled").contains("€15.00").contains("Ingrid");
        assertThat(payment(shop, toCancel).path("status").asString()).isEqualTo("canceled");

        type(row(toRefund) + " input[name=amount]", "5.00");
        submit(row(toRefund) + " form[action$='/refund'] button");
        assertReview("refund", "Ingrid", "€5.00");
        submit("[data-testid=payment-confirm]");
        assertThat(find("[data-testid=notice]").getText()).contains("Refund of €5.00 sent to Ingrid");
        submit(row(toRefund) + " form[action$='/refund'] button");
        assertReview("refund", "Ingrid", "€26.50");
        assertThat(payment(shop, toRefund).path("amountRefunded").asLong()).isEqualTo(500);
        assertThat(shop.balance(shopper.token(), wallet, "ledger")).isEqualTo(100_000 - 2_000 - 3_150 + 500);
    }

    /** A payment that changes between the confirmation and the click: the page tells the refusal, nothing moves. */
    @Test
    void aPaymentChangedMeanwhileIsRefusedAtTheConfirmation() {
        var shop = newShop();
        var shopper = newUser("Olaf");
        var wallet = shop.fundedAccount(shopper, "EUR", 100_000);
        var canceledMeanwhile = shop.paid(shopper.token(), shop.session(2_000, "manual"), wallet);
        var capturedMeanwhile = shop.paid(shopper.token(), shop.session(1_000, "manual"), wallet);
        var refundedMeanwhile = shop.paid(shopper.token(), shop.session(3_000, "automatic"), wallet);
        logInAs(shop.merchant);
        go("/merchant");

        submit(row(canceledMeanwhile) + " form[action$='/capture'] button");
        assertReview("capture", "Olaf", "€20.00");
        assertThat(api.post("/api/v1/payments/" + canceledMeanwhile + "/cancel").token(shop.apiKey).send().status())
                .isEqualTo(200);
        submit("[data-testid=payment-confirm]");
        assertRefused("payment_not_capturable");

        submit(row(capturedMeanwhile) + " form[action$='/cancel'] button");
        assertReview("cancel", "Olaf", "€10.00");
        assertThat(api.post("/api/v1/payments/" + capturedMeanwhile + "/capture").token(shop.apiKey).send().status())
                .isEqualTo(200);
        submit("[data-testid=payment-confirm]");
        assertRefused("payment_not_cancelable");
        assertThat(payment(shop, capturedMeanwhile).path("status").asString()).isEqualTo("succeeded");

        type(row(refundedMeanwhile) + " input[name=amount]", "20.00");
        submit(row(refundedMeanwhile) + " form[action$='/refund'] button");
        assertReview("refund", "Olaf", "€20.00");
        assertThat(shop.refund(refundedMeanwhile, 2_500L).status()).isEqualTo(201);
        submit("[data-testid=payment-confirm]");
        assertRefused("refund_exceeds_captured");
        assertThat(find("[data-testid=error]").getText()).contains("€5.00");
        assertThat(payment(shop, refundedMeanwhile).path("amountRefunded").asLong()).isEqualTo(2_500);
        assertThat(shop.balance(shopper.token(), wallet, "ledger")).isEqualTo(100_000 - 1_000 - 3_000 + 2_500);
        screenshot("merchant-refused-at-confirmation");
    }

    private void assertReview(String action, String customer, String amount) {
        assertThat(find("[data-testid=payment-review]").getAttribute("data-action")).isEqualTo(action);
        assertThat(find("[data-testid=payment-review-customer]").getText()).isEqualTo(customer);
        assertThat(find("[data-testid=payment-review-amount]").getText()).isEqualTo(amount);
        assertThat(all("[role=status], [role=alert]")).isEmpty();
    }

    private void assertRefused(String code) {
        var error = find("[data-testid=error][role=alert]");
        assertThat(error.getAttribute("data-code")).isEqualTo(code);
        assertThat(all("[role=status]")).isEmpty();
        assertThat(all("[data-testid=payment-review]")).isEmpty();
    }

    private List<String> shownPayments() {
        find("#payments");
        return all("[data-testid=merchant-payment]").stream().map(e -> e.getAttribute("data-payment-id")).toList();
    }

    private static String row(String paymentId) {
        return "[data-testid=merchant-payment][data-payment-id='" + paymentId + "']";
    }

    private JsonNode payment(Shop shop, String paymentId) {
        return api.get("/api/v1/payments/" + paymentId).token(shop.apiKey).send().json();
    }
}
