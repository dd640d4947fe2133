package dev.coffer.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.coffer.support.IntegrationTest;
import dev.coffer.support.WebhookReceiver;
import dev.coffer.webhooks.delivery.DeliveryWorker;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Several workers polling at once (as on several nodes) deliver each event once, and events stay private. */
class WebhookWorkersTest extends IntegrationTest {

    @Autowired
    DeliveryWorker worker;

    @Test
    void concurrentWorkersNeverDeliverAnEventTwice() throws Exception {
        var shop = newShop();
        var customer = newUser("many");
        var wallet = shop.fundedAccount(customer, "EUR", 1_000_000);
        try (var receiver = new WebhookReceiver()) {
            api.post("/api/v1/webhook-endpoints").token(shop.apiKey)
                    .json(Map.of("url", receiver.url(), "events", List.of("payment.succeeded"))).send();
            var pollers = Executors.newFixedThreadPool(4);
            var payments = 30;
            for (int i = 0; i < payments; i++) {
                shop.paid(customer.token(), shop.session(100 + i, "automatic"), wallet);
                for (int p = 0; p < 4; p++) {
                    pollers.submit(worker::pollOnce);
                }
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() >= payments);
            Thread.sleep(500);
            pollers.shutdown();
            assertThat(pollers.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
            var ids = new HashSet<String>();
            receiver.received().forEach(r -> assertThat(ids.add(r.header("Coffer-Event-Id")))
                    .as("delivered twice: " + r.header("Coffer-Event-Id")).isTrue());
            assertThat(ids).hasSize(payments);
        }
    }

    @Test
    void eventsAndEndpointsBelongToTheirMerchant() {
        var shop = newShop();
        var other = newShop();
        var customer = newUser("buyer");
        var wallet = shop.fundedAccount(customer, "EUR", 10_000);
        shop.paid(customer.token(), shop.session(700, "automatic"), wallet);
        var events = api.get("/api/v1/events?type=payment.succeeded&limit=1").token(shop.apiKey).send();
        assertThat(events.status()).isEqualTo(200);
        var eventId = events.json().path("data").get(0).path("id").asString();
        assertThat(api.get("/api/v1/events/" + eventId).token(shop.apiKey).send().status()).isEqualTo(200);
        assertThat(api.get("/api/v1/events/" + eventId).token(other.apiKey).send().status()).isEqualTo(404);
        assertThat(api.get("/api/v1/events").token(customer.token()).send().status()).isEqualTo(403);

        var endpoint = api.post("/api/v1/webhook-endpoints").token(shop.apiKey)
                .json(Map.of("url", "http://127.0.0.1:9/hook", "events", List.of("payment.refunded"))).send();
        var id = endpoint.json().path("id").asString();
        assertThat(api.get("/api/v1/webhook-endpoints/" + id).token(other.apiKey).send().status()).isEqualTo(404);
        assertThat(api.delete("/api/v1/webhook-endpoints/" + id).token(other.apiKey).send().status()).isEqualTo(404);
        assertThat(api.get("/api/v1/webhook-endpoints").token(shop.apiKey).send().body()).contains(id)
                .doesNotContain("whsec_");
        var unknownType = api.post("/api/v1/webhook-endpoints").token(shop.apiKey)
                .json(Map.of("url", "http://127.0.0.1:9/hook", "events", List.of("payment.exploded"))).send();
        assertThat(unknownType.status()).isEqualTo(422);
        assertThat(unknownType.code()).isEqualTo("unknown_event_type");
        assertThat(api.delete("/api/v1/webhook-endpoints/" + id).token(shop.apiKey).send().status()).isEqualTo(204);
        assertThat(api.get("/api/v1/webhook-endpoints/" + id).token(shop.apiKey).send().status()).isEqualTo(404);
    }

    /** Spring may stop and start a context again (it pauses idle test contexts): the worker must deliver after it. */
    @Test
    void aWorkerStoppedAndStartedAgainStillDelivers() throws Exception {
        var shop = newShop();
        var customer = newUser("restart");
        var wallet = shop.fundedAccount(customer, "EUR", 10_000);
        try (var receiver = new WebhookReceiver()) {
            api.post("/api/v1/webhook-endpoints").token(shop.apiKey)
                    .json(Map.of("url", receiver.url(), "events", List.of("payment.succeeded"))).send();
            worker.stop();
            worker.start();
            shop.paid(customer.token(), shop.session(300, "automatic"), wallet);
            await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() == 1);
        }
    }
}
