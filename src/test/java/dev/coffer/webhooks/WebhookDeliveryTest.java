package dev.coffer.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.coffer.support.IntegrationTest;
import dev.coffer.support.Shop;
import dev.coffer.support.WebhookReceiver;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Signed deliveries to a real HTTP receiver: on time, retried after failures and timeouts, replayable, rotatable. */
class WebhookDeliveryTest extends IntegrationTest {

    private Shop shop;
    private TestUser customer;
    private String wallet;
    private WebhookReceiver receiver;

    @BeforeEach
    void setUp() throws Exception {
        shop = newShop();
        customer = newUser("buyer");
        wallet = shop.fundedAccount(customer, "EUR", 50_000);
        receiver = new WebhookReceiver();
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    @Test
    void aPaymentReachesTheMerchantWithinASecondSignedVerifiably() throws Exception {
        var secret = register(List.of("payment.succeeded", "checkout.session.completed"));
        long start = System.nanoTime();
        var payment = shop.paid(customer.token(), shop.session(1_200, "automatic"), wallet);
        await().atMost(Duration.ofSeconds(2)).until(() -> receiver.received().size() == 2);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));

        var succeeded = receiver.received().stream().filter(r -> r.body().contains("\"payment.succeeded\"")).findFirst()
                .orElseThrow();
        assertThat(Signatures.verifies(succeeded.header("Coffer-Signature"), secret, succeeded.body())).isTrue();
        assertThat(Signatures.verifies(succeeded.header("Coffer-Signature"), "whsec_wrong", succeeded.body())).isFalse();
        var json = dev.coffer.support.Api.json().readTree(succeeded.body());
        assertThat(json.path("id").asString()).startsWith("evt_");
        assertThat(json.path("type").asString()).isEqualTo("payment.succeeded");
        assertThat(json.path("createdAt").asString()).isNotBlank();
        assertThat(json.path("data").path("id").asString()).isEqualTo(payment);
        assertThat(json.path("data").path("status").asString()).isEqualTo("succeeded");
        long t = Signatures.parse(succeeded.header("Coffer-Signature")).timestamp();
        assertThat(Math.abs(t - System.currentTimeMillis() / 1000)).isLessThan(60);
    }

    @Test
    void aFailingReceiverGetsTheSameEventAgainLater() throws Exception {
        receiver.answering(call -> call == 1 ? 500 : 200);
        register(List.of("payment.requires_capture"));
        shop.paid(customer.token(), shop.session(900, "manual"), wallet);
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() == 2);
        var first = receiver.received().get(0);
        var second = receiver.received().get(1);
        assertThat(second.header("Coffer-Event-Id")).isEqualTo(first.header("Coffer-Event-Id"));
        assertThat(second.body()).isEqualTo(first.body());
        var deliveries = api.get("/api/v1/webhook-endpoints/" + endpointId + "/deliveries").token(shop.apiKey).send().json();
        var delivery = deliveries.path("data").get(0);
        await().atMost(Duration.ofSeconds(5)).until(() -> "succeeded".equals(api.get("/api/v1/webhook-endpoints/"
                + endpointId + "/deliveries").token(shop.apiKey).send().json().path("data").get(0).path("status").asString()));
        assertThat(delivery.path("eventType").asString()).isEqualTo("payment.requires_capture");
    }

    @Test
    void aTimeoutCountsAsAFailureAndIsRetried() throws Exception {
        receiver.delaying(call -> call == 1 ? Duration.ofSeconds(3) : Duration.ZERO);
        register(List.of("payment.succeeded"));
        shop.paid(customer.token(), shop.session(300, "automatic"), wallet);
        await().atMost(Duration.ofSeconds(15)).until(() -> receiver.calls() >= 2 && attempts().size() >= 2);
        var log = attempts();
        assertThat(log.get(0).path("error").asString()).contains("timed out");
        assertThat(log.get(1).path("statusCode").asInt()).isEqualTo(200);
    }

    @Test
    void replaySendsAnEventAgainAndRotationSignsWithBothSecrets() throws Exception {
        var oldSecret = register(List.of("payment.succeeded"));
        shop.paid(customer.token(), shop.session(450, "automatic"), wallet);
        await().atMost(Duration.ofSeconds(3)).until(() -> receiver.received().size() == 1);
        var eventId = receiver.received().getFirst().header("Coffer-Event-Id");

        var rotated = api.post("/api/v1/webhook-endpoints/" + endpointId + "/rotate-secret").token(shop.apiKey).send();
        var newSecret = rotated.json().path("secret").asString();
        assertThat(newSecret).startsWith("whsec_").isNotEqualTo(oldSecret);
        var replay = api.post("/api/v1/webhook-endpoints/" + endpointId + "/replay").token(shop.apiKey)
                .json(Map.of("eventId", eventId)).send();
        assertThat(replay.status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(3)).until(() -> receiver.received().size() == 2);
        var again = receiver.received().get(1);
        assertThat(again.header("Coffer-Event-Id")).isEqualTo(eventId);
        var signature = again.header("Coffer-Signature");
        assertThat(Signatures.parse(signature).v1()).hasSize(2);
        assertThat(Signatures.verifies(signature, newSecret, again.body())).isTrue();
        assertThat(Signatures.verifies(signature, oldSecret, again.body())).isTrue();

        clock.advance(Duration.ofHours(25));
        var otherShop = newShop();
        var missing = api.post("/api/v1/webhook-endpoints/" + endpointId + "/replay").token(otherShop.apiKey)
                .json(Map.of("eventId", eventId)).send();
        assertThat(missing.status()).isEqualTo(404);
        api.post("/api/v1/webhook-endpoints/" + endpointId + "/replay").token(shop.apiKey)
                .json(Map.of("eventId", eventId)).send();
        await().atMost(Duration.ofSeconds(3)).until(() -> receiver.received().size() == 3);
        assertThat(Signatures.parse(receiver.received().get(2).header("Coffer-Signature")).v1())
                .as("after 24 h only the new secret signs").hasSize(1);
    }

    @Test
    void disabledEndpointsReceiveNothingAndAFailedPaymentSendsNoEvent() {
        register(List.of("payment.succeeded"));
        var poor = newUser("poor");
        var empty = shop.fundedAccount(poor, "EUR", 10);
        assertThat(shop.pay(poor.token(), shop.session(5_000, "automatic"), empty).status()).isEqualTo(422);
        api.method("PATCH", "/api/v1/webhook-endpoints/" + endpointId).token(shop.apiKey)
                .json(Map.of("enabled", false)).send();
        shop.paid(customer.token(), shop.session(100, "automatic"), wallet);
        var events = api.get("/api/v1/events?type=payment.succeeded").token(shop.apiKey).send().json().path("data");
        assertThat(events).hasSize(1);
        assertThat(receiver.calls()).isZero();
    }

    private String endpointId;

    private String register(List<String> events) {
        var created = api.post("/api/v1/webhook-endpoints").token(shop.apiKey)
                .json(Map.of("url", receiver.url(), "events", events)).send();
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        endpointId = created.json().path("id").asString();
        return created.json().path("secret").asString();
    }

    private List<tools.jackson.databind.JsonNode> attempts() {
        var data = api.get("/api/v1/webhook-endpoints/" + endpointId + "/deliveries").token(shop.apiKey).send().json()
                .path("data");
        if (data.isEmpty()) {
            return List.of();
        }
        var out = new java.util.ArrayList<tools.jackson.databind.JsonNode>();
        data.get(0).path("attemptLog").forEach(out::add);
        return out;
    }
}
