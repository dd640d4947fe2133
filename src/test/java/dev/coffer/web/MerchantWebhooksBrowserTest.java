package dev.coffer.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.coffer.support.WebhookReceiver;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The merchant page's webhook endpoints: add, choose events, rotate the secret, test, delete. */
class MerchantWebhooksBrowserTest extends BrowserTest {

    @Test
    void aMerchantSendsATestEventFromTheirPage() throws Exception {
        var shop = newShop();
        try (var receiver = new WebhookReceiver()) {
            api.post("/api/v1/webhook-endpoints").token(shop.apiKey)
                    .json(Map.of("url", receiver.url(), "events", List.of("payment.succeeded"))).send();
            logInAs(shop.merchant);
            go("/merchant");
            submit("[data-testid=webhook-endpoint] [data-testid=send-test-event]");
            assertThat(find("[data-testid=notice]").getText()).contains("test event");
            await().atMost(Duration.ofSeconds(30)).until(() -> receiver.received().size() == 1);
            assertThat(receiver.received().getFirst().body()).contains("\"webhook.test\"");
            go("/merchant");
            assertThat(find("[data-testid=webhook-delivery]").getText()).contains("webhook.test");
        }
    }

    @Test
    void aMerchantManagesEndpointsFromTheirPage() throws Exception {
        var shop = newShop();
        try (var receiver = new WebhookReceiver()) {
            logInAs(shop.merchant);
            go("/merchant");

            type("#endpointUrl", "ftp://shop.example/hooks");
            submit("[data-testid=add-endpoint]");
            assertThat(find("[data-testid=error]").getText()).contains("cannot receive webhooks");
            assertThat(all("[data-testid=webhook-endpoint]")).isEmpty();

            type("#endpointUrl", receiver.url());
            find("#webhook-endpoint-form input[value='payment.succeeded']").click();
            submit("[data-testid=add-endpoint]");
            assertThat(find("[data-testid=error]").getText()).contains("at least one event");
            assertThat(all("[data-testid=webhook-endpoint]")).isEmpty();

            type("#endpointUrl", receiver.url());
            assertThat(find("#webhook-endpoint-form input[value='payment.succeeded']").isSelected()).isTrue();
            find("#webhook-endpoint-form input[value='payment.refunded']").click();
            submit("[data-testid=add-endpoint]");
            var firstSecret = find("[data-testid=new-webhook-secret] code[data-copy]").getText();
            assertThat(firstSecret).startsWith("whsec_");
            assertThat(all("[data-testid=webhook-endpoint]")).hasSize(1);

            go("/merchant");
            assertThat(all("[data-testid=new-webhook-secret]")).as("the secret is shown once").isEmpty();
            submit("[data-testid=rotate-secret]");
            assertThat(find("[data-testid=new-webhook-secret] code[data-copy]").getText()).startsWith("whsec_")
                    .isNotEqualTo(firstSecret);

            find("[data-testid=webhook-endpoint] input[value='payment.succeeded']").click();
            submit("[data-testid=save-events]");
            assertThat(find("[data-testid=notice]").getText()).isEqualTo("This endpoint now hears payment.refunded.");

            submit("[data-testid=delete-endpoint]");
            assertThat(find("[data-testid=notice]").getText()).contains("deleted");
            assertThat(all("[data-testid=webhook-endpoint]")).isEmpty();
        }
    }
}
