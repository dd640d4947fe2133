package dev.coffer.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.support.IntegrationTest;
import dev.coffer.support.Shop;
import dev.coffer.support.WebhookReceiver;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A shop, a funded customer and a real HTTP receiver for each test; {@link #register} points an endpoint at it. */
abstract class WebhookTestBase extends IntegrationTest {

    /** A registered endpoint: its id and its signing secret (shown once, at registration). */
    record Endpoint(String id, String secret) {
    }

    protected Shop shop;
    protected TestUser customer;
    protected String wallet;
    protected WebhookReceiver receiver;

    /** Enough for every payment a test makes. */
    protected abstract long walletMinor();

    @BeforeEach
    void setUpShopAndReceiver() throws Exception {
        shop = newShop();
        customer = newUser("buyer");
        wallet = shop.fundedAccount(customer, "EUR", walletMinor());
        receiver = new WebhookReceiver();
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    protected Endpoint register(List<String> events) {
        var created = api.post("/api/v1/webhook-endpoints").token(shop.apiKey)
                .json(Map.of("url", receiver.url(), "events", events)).send();
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return new Endpoint(created.json().path("id").asString(), created.json().path("secret").asString());
    }
}
