package dev.coffer.payments;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.ledger.engine.HoldExpiry;
import dev.coffer.support.IntegrationTest;
import dev.coffer.support.Shop;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
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

    @Autowired
    HoldExpiry expiry;

    private Shop shop;
    private TestUser customer;
    private String wallet;
    private String recipientAccount;

    @BeforeEach
    void setUp() {
        shop = newShop();
        customer = newUser("customer");
        wallet = shop.fundedAccount(customer, "EUR", 10_000);
        recipientAccount = shop.fundedAccount(newUser("recipient"), "EUR", 0);
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

    @Test
    void availableComesBackAtCaptureBeforeToTheMillisecondAndACaptureThenMovesNothing() {
        var id = shop.paid(customer.token(), shop.session(2_500, "manual"), wallet);
        var captureBefore = Instant.parse(payment(id).path("captureBefore").asString());

        clock.freezeAt(captureBefore.minusMillis(1));
        customer = login(customer.id(), customer.email(), customer.password());
        assertBalance(10_000, 7_500, 2_500);

        clock.freezeAt(captureBefore);
        customer = login(customer.id(), customer.email(), customer.password());
        assertBalance(10_000, 10_000, 0);

        var capture = api.post("/api/v1/payments/" + id + "/capture").token(shop.apiKey).send();
        assertThat(capture.status()).as(capture.toString()).isEqualTo(409);
        assertThat(capture.code()).isEqualTo("hold_expired");
        assertThat(capture.contentType()).startsWith("application/problem+json");
        assertBalance(10_000, 10_000, 0);
        assertThat(shop.balance(shop.merchant.token(), shop.settlementAccount, "ledger")).isZero();
        assertThat(payment(id).path("amountCaptured").asLong()).isZero();

        expiry.releaseExpired();
        var afterTheJob = api.post("/api/v1/payments/" + id + "/capture").token(shop.apiKey).send();
        assertThat(afterTheJob.code()).as("the same answer once the job released the hold").isEqualTo("hold_expired");
        var cancel = api.post("/api/v1/payments/" + id + "/cancel").token(shop.apiKey).send();
        assertThat(cancel.status()).as(cancel.toString()).isEqualTo(200);
        assertThat(cancel.json().path("cancellationReason").asString()).isEqualTo("expired");
        assertBalance(10_000, 10_000, 0);
    }

    @Test
    void aTransferSpendsMoneyWhoseHoldExpiredBeforeTheReleaseJobRanAndTheJobThenChangesNothing() {
        var id = shop.paid(customer.token(), shop.session(2_500, "manual"), wallet);
        clock.freezeAt(Instant.parse(payment(id).path("captureBefore").asString()));
        customer = login(customer.id(), customer.email(), customer.password());

        var transfer = api.post("/api/v1/transfers").token(customer.token())
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .json(Map.of("fromAccountId", wallet, "toAccountId", recipientAccount, "amount", 10_000,
                        "currency", "EUR")).send();
        assertThat(transfer.status()).as(transfer.toString()).isEqualTo(201);
        assertBalance(0, 0, 0);
        var canceled = payment(id);
        assertThat(canceled.path("status").asString()).isEqualTo("canceled");
        assertThat(canceled.path("cancellationReason").asString()).isEqualTo("expired");
        assertThat(verificationOk()).isTrue();

        expiry.releaseExpired();
        assertThat(events("payment.canceled", id)).as("one payment.canceled, whoever released the hold").isEqualTo(1);
        assertThat(jdbc.sql("""
                        SELECT count(*) FROM audit_events a JOIN payments p ON p.hold_id = a.subject_id
                        WHERE p.id = :id AND a.type = 'hold.expired'
                        """).param("id", id).query(Long.class).single()).as("the hold released once").isEqualTo(1);
        assertBalance(0, 0, 0);
        assertThat(verificationOk()).isTrue();
    }

    @Test
    void cancelAtCaptureBeforeReleasesTheHoldAsExpiredOnce() {
        var id = shop.paid(customer.token(), shop.session(2_500, "manual"), wallet);
        clock.freezeAt(Instant.parse(payment(id).path("captureBefore").asString()));

        var canceled = api.post("/api/v1/payments/" + id + "/cancel").token(shop.apiKey).send();
        assertThat(canceled.status()).as(canceled.toString()).isEqualTo(200);
        assertThat(canceled.json().path("status").asString()).isEqualTo("canceled");
        assertThat(canceled.json().path("cancellationReason").asString()).isEqualTo("expired");
        assertThat(canceled.json().path("captureBefore").isNull()).isTrue();
        var again = api.post("/api/v1/payments/" + id + "/cancel").token(shop.apiKey).send();
        assertThat(again.status()).as("the merchant's wish is met, however often asked").isEqualTo(200);
        assertThat(again.json().path("cancellationReason").asString()).isEqualTo("expired");
        var capture = api.post("/api/v1/payments/" + id + "/capture").token(shop.apiKey).send();
        assertThat(capture.code()).isEqualTo("hold_expired");

        expiry.releaseExpired();
        assertThat(events("payment.canceled", id)).isEqualTo(1);
        customer = login(customer.id(), customer.email(), customer.password());
        assertBalance(10_000, 10_000, 0);
    }

    /** The wallet's balance as both account endpoints show it. */
    private void assertBalance(long ledger, long available, long pending) {
        var one = api.get("/api/v1/accounts/" + wallet).token(customer.token()).send().json().path("balance");
        var listed = api.get("/api/v1/accounts").token(customer.token()).send().json().path("data").valueStream()
                .filter(a -> a.path("id").asString().equals(wallet)).findFirst().orElseThrow().path("balance");
        for (var balance : new JsonNode[] {one, listed}) {
            assertThat(balance.path("ledger").asLong()).as("ledger").isEqualTo(ledger);
            assertThat(balance.path("available").asLong()).as("available").isEqualTo(available);
            assertThat(balance.path("pending").asLong()).as("pending").isEqualTo(pending);
        }
    }

    private JsonNode payment(String id) {
        return api.get("/api/v1/payments/" + id).token(shop.apiKey).send().json();
    }

    private boolean verificationOk() {
        var admin = login(shop.admin.id(), shop.admin.email(), shop.admin.password());
        var verification = api.get("/api/v1/admin/ledger/verification").token(admin.token()).send();
        assertThat(verification.status()).as(verification.toString()).isEqualTo(200);
        return verification.json().path("ok").asBoolean();
    }

    private long events(String type, String paymentId) {
        return jdbc.sql("SELECT count(*) FROM events WHERE type = :type AND body::jsonb -> 'data' ->> 'id' = :id")
                .param("type", type).param("id", paymentId).query(Long.class).single();
    }

    private JsonNode eventData(String type, String paymentId) {
        var body = jdbc.sql("SELECT body FROM events WHERE type = :type AND body::jsonb -> 'data' ->> 'id' = :id")
                .param("type", type).param("id", paymentId).query(String.class).single();
        return JSON.readTree(body).path("data");
    }
}
