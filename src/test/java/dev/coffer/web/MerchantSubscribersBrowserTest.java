package dev.coffer.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.support.Shop;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The merchant's subscribers page: who subscribed to which plan, price, status and period end, and a cancel-at-once
 * control that asks first and then tells the real outcome (a subscription canceled meanwhile is refused).
 */
class MerchantSubscribersBrowserTest extends BrowserTest {

    @Test
    void theMerchantSeesSubscribersByNameAndCancelsOneAtOnceAfterConfirming() {
        var shop = newShop();
        var first = subscribe(shop, newUser("Kim"));
        var second = subscribe(shop, newUser("Lou"));
        logInAs(shop.merchant);
        go("/merchant");
        submit("[data-testid=subscribers-link]");

        assertThat(all("[data-testid=subscriber]")).hasSize(2);
        var kim = "[data-testid=subscriber][data-subscription-id='" + first + "']";
        assertThat(find(kim + " [data-testid=subscriber-customer]").getText()).isEqualTo("Kim");
        assertThat(find(kim).getText()).contains("Streaming").contains("€9.99 every month");
        assertThat(find(kim + " [data-testid=subscriber-status]").getText()).isEqualTo("active");
        screenshot("merchant-subscribers");

        submit(kim + " [data-testid=cancel-subscriber]");
        assertThat(find("[data-testid=subscriber-review-effect]").getText()).contains("Kim").contains("Streaming")
                .contains("at once");
        assertThat(status(shop, first)).as("nothing before the confirmation").isEqualTo("active");
        submit("[data-testid=subscriber-cancel-confirm]");
        assertThat(find("[data-testid=notice]").getText()).contains("Canceled Streaming").contains("Kim");
        assertThat(find(kim + " [data-testid=subscriber-status]").getText()).isEqualTo("canceled");
        assertThat(all(kim + " [data-testid=cancel-subscriber]")).isEmpty();
        assertThat(status(shop, first)).isEqualTo("canceled");

        var lou = "[data-testid=subscriber][data-subscription-id='" + second + "']";
        submit(lou + " [data-testid=cancel-subscriber]");
        assertThat(api.post("/api/v1/merchant/subscriptions/" + second + "/cancel").token(shop.apiKey).send()
                .status()).isEqualTo(200);
        submit("[data-testid=subscriber-cancel-confirm]");
        var error = find("[data-testid=error][role=alert]");
        assertThat(error.getAttribute("data-code")).isEqualTo("subscription_canceled");
        assertThat(all("[role=status]")).isEmpty();
    }

    @Test
    void anotherMerchantsSubscriptionIsNotFound() {
        var shop = newShop();
        var sub = subscribe(shop, newUser("Max"));
        var rival = newShop();
        logInAs(rival.merchant);
        go("/merchant/subscribers");
        find("[data-testid=no-subscribers]");
        browser.executeScript("""
                const form = document.createElement('form');
                form.method = 'post';
                form.action = '/merchant/subscribers/' + arguments[0] + '/cancel';
                const csrf = document.querySelector('form#logout-form input[name=_csrf]');
                form.appendChild(csrf.cloneNode());
                const confirmed = document.createElement('input');
                confirmed.name = 'confirmed';
                confirmed.value = 'true';
                form.appendChild(confirmed);
                document.body.appendChild(form);
                form.submit();
                """, sub);
        assertThat(find("[data-testid=error]").getAttribute("data-code")).isEqualTo("not_found");
        assertThat(status(shop, sub)).isEqualTo("active");
    }

    private String subscribe(Shop shop, TestUser customer) {
        var wallet = shop.fundedAccount(customer, "EUR", 10_000);
        var price = api.post("/api/v1/prices").token(shop.apiKey).json(Map.of("productName", "Streaming",
                "amount", 999, "currency", "EUR", "interval", "month")).send().json().path("id").asString();
        var session = shop.createSession(Map.of("mode", "subscription", "priceId", price,
                "settlementAccountId", shop.settlementAccount)).json().path("id").asString();
        shop.paid(customer.token(), session, wallet);
        var subs = api.get("/api/v1/subscriptions").token(customer.token()).send().json().path("data");
        return subs.get(0).path("id").asString();
    }

    private String status(Shop shop, String subscriptionId) {
        for (var s : api.get("/api/v1/merchant/subscriptions").token(shop.apiKey).send().json().path("data")) {
            if (s.path("id").asString().equals(subscriptionId)) {
                return s.path("status").asString();
            }
        }
        throw new AssertionError("no subscription " + subscriptionId);
    }
}
