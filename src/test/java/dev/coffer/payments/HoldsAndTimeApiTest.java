package dev.coffer.payments;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.support.IntegrationTest;
import dev.coffer.support.Shop;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The contract's "Holds and time", over HTTP: a hold stops counting against available at its payment's
 * {@code captureBefore}, to the millisecond, before any release job has run; from then on a capture is refused and
 * nothing moves, a cancel releases the hold as expired, and a transfer may spend the money. The clock is frozen at
 * exact instants. The release job runs only where a test calls it; the answers must not depend on whether it ran.
 */
class HoldsAndTimeApiTest extends IntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Shop shop;
    private TestUser customer;
    private String wallet;

    @BeforeEach
    void setUp() {
        shop = newShop();
        customer = newUser("customer");
        wallet = shop.fundedAccount(customer, "EUR", 10_000);
    }

    @Test
    void aPaymentShowsCaptureBeforeWhileItRequiresCaptureOnly() {
        var paid = shop.pay(customer.token(), shop.session(3_000, "manual"), wallet).json();
        var id = paid.path("id").asString();
        var captureBefore = Instant.parse(paid.path("captureBefore").asString());
        assertThat(Duration.between(Instant.parse(paid.path("createdAt").asString()), captureBefore))
                .as("the hold's lifetime, coffer.payments.hold-ttl").isEqualTo(Duration.ofDays(7));
        assertThat(payment(id).path("captureBefore").asString()).isEqualTo(paid.path("captureBefore").asString());
        assertThat(eventData("payment.requires_capture", id).path("captureBefore").asString())
                .isEqualTo(paid.path("captureBefore").asString());

        var captured = api.post("/api/v1/payments/" + id + "/capture").token(shop.apiKey).send();
        assertThat(captured.status()).as(captured.toString()).isEqualTo(200);
        assertThat(captured.json().has("captureBefore")).isTrue();
        assertThat(captured.json().path("captureBefore").isNull()).as("no deadline once captured").isTrue();
        var automatic = shop.pay(customer.token(), shop.session(1_000, "automatic"), wallet).json();
        assertThat(automatic.path("captureBefore").isNull()).isTrue();
    }

    private JsonNode payment(String id) {
        return api.get("/api/v1/payments/" + id).token(shop.apiKey).send().json();
    }

    private JsonNode eventData(String type, String paymentId) {
        var body = jdbc.sql("SELECT body FROM events WHERE type = :type AND body::jsonb -> 'data' ->> 'id' = :id")
                .param("type", type).param("id", paymentId).query(String.class).single();
        return JSON.readTree(body).path("data");
    }
}
