package dev.coffer.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.coffer.support.WebhookReceiver;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The merchant page's "Send test event": the endpoint receives a signed webhook.test, the page says so. */
class MerchantWebhooksBrowserTest extends BrowserTest {

    @Test
    void aMerchantSendsATestEventFromTheirPage() throws Exception {
        var shop = newShop();
        try (var receiver = new WebhookReceiver()) {
            api.post("/api/v1/webhook-endpoints").token(shop.apiKey)
                    .json(Map.of("url", receiver.url(), "events", List.of("payment.succeeded"))).send();
            open("/login");
            logInAndWait(shop.merchant.email(), PASSWORD);
            go("/merchant");
            submit("[data-testid=webhook-endpoint] [data-testid=send-test-event]");
            assertThat(find("[data-testid=notice]").getText()).contains("test event");
            await().atMost(Duration.ofSeconds(30)).until(() -> receiver.received().size() == 1);
            assertThat(receiver.received().getFirst().body()).contains("\"webhook.test\"");
            go("/merchant");
            assertThat(find("[data-testid=webhook-delivery]").getText()).contains("webhook.test");
        }
    }
}
