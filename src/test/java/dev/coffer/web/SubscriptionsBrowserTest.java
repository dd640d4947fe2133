package dev.coffer.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.support.ui.Select;

/** Subscribing on the pay page ("€9.99 every month" and the consent), then canceling on /subscriptions. */
class SubscriptionsBrowserTest extends BrowserTest {

    @Test
    void subscribeOnThePayPageThenCancelAtPeriodEnd() throws Exception {
        var shop = newShop();
        var fan = newUser("fan");
        var wallet = shop.fundedAccount(fan, "EUR", 10_000);
        var price = api.post("/api/v1/prices").token(shop.apiKey).json(Map.of("productName", "Streaming",
                "amount", 999, "currency", "EUR", "interval", "month")).send().json().path("id").asString();
        var session = shop.createSession(Map.of("mode", "subscription", "priceId", price,
                "settlementAccountId", shop.settlementAccount));
        assertThat(session.status()).as(session.toString()).isEqualTo(201);

        open("/login");
        logInAndWait(fan.email(), PASSWORD);
        browser.get(session.json().path("url").asString());
        assertThat(find("[data-testid=recurring-terms]").getText()).isEqualTo("€9.99 every month");
        assertThat(find("[data-testid=recurring-consent]").getText()).contains("until you cancel");
        new Select(find("form#pay-form select[name=accountId]")).selectByValue(wallet);
        screenshot("pay-subscription");
        submit("form#pay-form button[type=submit]");
        find("[data-testid=payment-status]");

        go("/subscriptions");
        assertThat(all("[data-testid=subscription]")).hasSize(1);
        assertThat(find("[data-testid=subscription-status]").getText()).isEqualTo("active");
        screenshot("subscriptions");
        submit("[data-testid=cancel-subscription]");
        await().atMost(Duration.ofSeconds(10)).until(() -> find("[data-testid=subscription-status]").getText()
                .contains("ends at period end"));
        assertThat(all("[data-testid=cancel-subscription]")).isEmpty();
        var listed = api.get("/api/v1/subscriptions").token(fan.token()).send().json().path("data").get(0);
        assertThat(listed.path("cancelAtPeriodEnd").asBoolean()).isTrue();
    }
}
