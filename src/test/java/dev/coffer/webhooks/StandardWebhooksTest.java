package dev.coffer.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.coffer.support.Api;
import dev.coffer.support.StandardWebhooksVerifier;
import dev.coffer.support.WebhookReceiver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Standard Webhooks: every delivery verifies with the reference library (npm standardwebhooks, through node), and
 * carries a per-endpoint sequence with no gaps, also when payments race; a replay repeats its sequence.
 */
class StandardWebhooksTest extends WebhookTestBase {

    @Override
    protected long walletMinor() {
        return 10_000_000;
    }

    @Test
    void deliveriesVerifyWithTheReferenceLibraryAndCountUpWithoutGaps() throws Exception {
        var endpoint = register(List.of("payment.succeeded"));
        for (int i = 0; i < 3; i++) {
            shop.paid(customer.token(), shop.session(100 + i, "automatic"), wallet);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() == 3);
        var received = receiver.received();
        var sequences = received.stream().map(r -> Api.json().readTree(r.body()).path("sequence").asLong())
                .sorted().toList();
        assertThat(sequences).containsExactly(1L, 2L, 3L);
        for (var delivery : received) {
            assertThat(delivery.header("Coffer-Sequence"))
                    .isEqualTo(Api.json().readTree(delivery.body()).path("sequence").asString());
            assertThat(delivery.header("webhook-id")).isEqualTo(delivery.header("Coffer-Event-Id")).startsWith("evt_");
        }
        assertThat(StandardWebhooksVerifier.verify(endpoint.secret(), received)).allMatch(line -> line.startsWith("ok "))
                .hasSize(3);
        var tampered = new WebhookReceiver.Received(received.getFirst().headers(),
                received.getFirst().body().replace("\"sequence\"", "\"sequencE\""));
        assertThat(StandardWebhooksVerifier.verify(endpoint.secret(), List.of(tampered)).getFirst())
                .startsWith("fail ");
    }

    @Test
    void racingPaymentsNumberTheirDeliveriesWithoutGapsAndReplaysRepeatTheirNumber() throws Exception {
        var endpoint = register(List.of("payment.succeeded", "checkout.session.completed"));
        int payments = 1_000;
        try (var pool = Executors.newFixedThreadPool(16)) {
            var done = new ArrayList<Future<String>>();
            for (int i = 0; i < payments; i++) {
                int amount = 100 + i;
                done.add(pool.submit(() -> shop.paid(customer.token(), shop.session(amount, "automatic"), wallet)));
            }
            for (var future : done) {
                future.get();
            }
        }
        var numbers = jdbc.sql("""
                        SELECT sequence FROM webhook_deliveries WHERE endpoint_id = :endpoint AND NOT replay
                        ORDER BY sequence
                        """).param("endpoint", endpoint.id()).query(Long.class).list();
        assertThat(numbers).hasSize(2 * payments);
        for (int i = 0; i < numbers.size(); i++) {
            assertThat(numbers.get(i)).as("no gap").isEqualTo(i + 1L);
        }
        var event = api.get("/api/v1/events?type=payment.succeeded&limit=1").token(shop.apiKey).send().json()
                .path("data").get(0).path("id").asString();
        var original = jdbc.sql("""
                        SELECT d.sequence FROM webhook_deliveries d JOIN events e ON e.seq = d.event_seq
                        WHERE e.id = :event AND d.endpoint_id = :endpoint AND NOT d.replay
                        """).param("event", event).param("endpoint", endpoint.id()).query(Long.class).single();
        assertThat(api.post("/api/v1/webhook-endpoints/" + endpoint.id() + "/replay").token(shop.apiKey)
                .json(Map.of("eventId", event)).send().status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.received().stream()
                .filter(r -> event.equals(r.header("webhook-id"))).count() == 2);
        assertThat(receiver.received().stream().filter(r -> event.equals(r.header("webhook-id")))
                .map(r -> r.header("Coffer-Sequence")).distinct().toList()).containsExactly(Long.toString(original));
    }

    @Test
    void aTestEventReachesTheEndpointAndEventsAreKeptThirtyDays() throws Exception {
        var endpoint = register(List.of("payment.refunded"));
        var sent = api.post("/api/v1/webhook-endpoints/" + endpoint.id() + "/test").token(shop.apiKey).send();
        assertThat(sent.status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() == 1);
        var test = receiver.received().getFirst();
        assertThat(Api.json().readTree(test.body()).path("type").asString()).isEqualTo("webhook.test");
        assertThat(test.header("Coffer-Sequence")).isEqualTo("1");
        assertThat(StandardWebhooksVerifier.verify(endpoint.secret(), List.of(test)).getFirst()).startsWith("ok ");
        var other = newShop();
        assertThat(api.post("/api/v1/webhook-endpoints/" + endpoint.id() + "/test").token(other.apiKey).send()
                .status()).isEqualTo(404);

        var eventId = test.header("webhook-id");
        var retention = applicationContext.getBean(dev.coffer.webhooks.outbox.EventRetention.class);
        clock.advance(Duration.ofDays(29));
        retention.deleteOneBatch();
        assertThat(api.post("/api/v1/webhook-endpoints/" + endpoint.id() + "/replay").token(shop.apiKey)
                .json(Map.of("eventId", eventId)).send().status()).as("replayable on day 29").isEqualTo(202);
        clock.advance(Duration.ofDays(2));
        while (retention.deleteOneBatch() > 0) {
            // every event of every test older than 30 days on the moved clock
        }
        assertThat(api.get("/api/v1/events/" + eventId).token(shop.apiKey).send().status()).isEqualTo(404);
        assertThat(api.post("/api/v1/webhook-endpoints/" + endpoint.id() + "/replay").token(shop.apiKey)
                .json(Map.of("eventId", eventId)).send().status()).as("gone after 30 days").isEqualTo(404);
    }
}
