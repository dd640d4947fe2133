package dev.coffer.payments;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.support.IntegrationTest;
import dev.coffer.support.Shop;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Paying, capturing, canceling and refunding over HTTP, with the money checked on both sides. */
class PaymentsApiTest extends IntegrationTest {

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
    void automaticCaptureMovesTheMoneyAtOnce() {
        var session = shop.session(1_950, "automatic");
        var paid = shop.pay(customer.token(), session, wallet);
        assertThat(paid.status()).isEqualTo(201);
        assertThat(paid.json().path("status").asString()).isEqualTo("succeeded");
        assertThat(paid.json().path("amountCaptured").asLong()).isEqualTo(1_950);
        assertThat(paid.json().path("amountRefunded").asLong()).isZero();
        assertThat(shop.balance(customer.token(), wallet, "ledger")).isEqualTo(8_050);
        assertThat(shop.balance(shop.merchant.token(), shop.settlementAccount, "ledger")).isEqualTo(1_950);
        var session2 = api.get("/api/v1/checkout/sessions/" + session).token(shop.apiKey).send().json();
        assertThat(session2.path("status").asString()).isEqualTo("complete");
        assertThat(session2.path("paymentId").asString()).isEqualTo(paid.json().path("id").asString());
    }

    @Test
    void aSessionIsPaidOnlyOnce() {
        var session = shop.session(1_000, "automatic");
        shop.paid(customer.token(), session, wallet);
        var again = shop.pay(customer.token(), session, wallet);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("session_not_open");
        assertThat(shop.balance(customer.token(), wallet, "ledger")).isEqualTo(9_000);
    }

    @Test
    void manualCaptureHoldsThenCapturesPartOfIt() {
        var session = shop.session(3_000, "manual");
        var payment = shop.pay(customer.token(), session, wallet);
        assertThat(payment.json().path("status").asString()).isEqualTo("requires_capture");
        assertThat(shop.balance(customer.token(), wallet, "available")).isEqualTo(7_000);
        assertThat(shop.balance(customer.token(), wallet, "pending")).isEqualTo(3_000);
        var id = payment.json().path("id").asString();

        var tooMuch = api.post("/api/v1/payments/" + id + "/capture").token(shop.apiKey).json(Map.of("amount", 3_001)).send();
        assertThat(tooMuch.status()).isEqualTo(422);
        var captured = api.post("/api/v1/payments/" + id + "/capture").token(shop.apiKey).json(Map.of("amount", 2_000)).send();
        assertThat(captured.status()).isEqualTo(200);
        assertThat(captured.json().path("status").asString()).isEqualTo("succeeded");
        assertThat(captured.json().path("amountCaptured").asLong()).isEqualTo(2_000);
        assertThat(shop.balance(customer.token(), wallet, "ledger")).isEqualTo(8_000);
        assertThat(shop.balance(customer.token(), wallet, "pending")).isZero();

        var twice = api.post("/api/v1/payments/" + id + "/capture").token(shop.apiKey).send();
        assertThat(twice.status()).isEqualTo(409);
        var cancelLate = api.post("/api/v1/payments/" + id + "/cancel").token(shop.apiKey).send();
        assertThat(cancelLate.status()).isEqualTo(409);
    }

    @Test
    void cancelReleasesTheHold() {
        var id = shop.paid(customer.token(), shop.session(2_500, "manual"), wallet);
        var canceled = api.post("/api/v1/payments/" + id + "/cancel").token(shop.apiKey).send();
        assertThat(canceled.status()).isEqualTo(200);
        assertThat(canceled.json().path("status").asString()).isEqualTo("canceled");
        assertThat(shop.balance(customer.token(), wallet, "available")).isEqualTo(10_000);
        assertThat(api.post("/api/v1/payments/" + id + "/capture").token(shop.apiKey).send().status()).isEqualTo(409);
    }

    @Test
    void uncapturedHoldsExpireAfterSevenDays() {
        var id = shop.paid(customer.token(), shop.session(2_500, "manual"), wallet);
        clock.advance(Duration.ofDays(7).plusMinutes(1));
        expiry().releaseExpired();
        var payment = api.get("/api/v1/payments/" + id).token(shop.apiKey).send().json();
        assertThat(payment.path("status").asString()).isEqualTo("canceled");
        assertThat(payment.path("cancellationReason").asString()).isEqualTo("expired");
        customer = login(customer.id(), customer.email(), customer.password());
        assertThat(shop.balance(customer.token(), wallet, "available")).isEqualTo(10_000);
    }

    @Test
    void refundsArePartialOrFullAndNeverExceedTheCapture() {
        var id = shop.paid(customer.token(), shop.session(3_000, "automatic"), wallet);
        var first = shop.refund(id, 1_000L);
        assertThat(first.status()).isEqualTo(201);
        assertThat(first.json().path("amount").asLong()).isEqualTo(1_000);
        var tooMuch = shop.refund(id, 2_001L);
        assertThat(tooMuch.status()).isEqualTo(422);
        assertThat(tooMuch.code()).isEqualTo("refund_exceeds_captured");
        var rest = shop.refund(id, null);
        assertThat(rest.json().path("amount").asLong()).isEqualTo(2_000);
        var payment = api.get("/api/v1/payments/" + id).token(customer.token()).send().json();
        assertThat(payment.path("amountRefunded").asLong()).isEqualTo(3_000);
        assertThat(shop.refund(id, 1L).status()).isEqualTo(422);
        assertThat(shop.balance(customer.token(), wallet, "ledger")).isEqualTo(10_000);
    }

    @Test
    void aRefundIsIdempotent() {
        var id = shop.paid(customer.token(), shop.session(3_000, "automatic"), wallet);
        var key = UUID.randomUUID().toString();
        var first = api.post("/api/v1/payments/" + id + "/refunds").token(shop.apiKey).header("Idempotency-Key", key)
                .json(Map.of("amount", 500)).send();
        var again = api.post("/api/v1/payments/" + id + "/refunds").token(shop.apiKey).header("Idempotency-Key", key)
                .json(Map.of("amount", 500)).send();
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(api.get("/api/v1/payments/" + id).token(shop.apiKey).send().json().path("amountRefunded").asLong())
                .isEqualTo(500);
    }

    @Test
    void paymentErrorsChangeNothing() {
        var poor = newUser("poor");
        var small = shop.fundedAccount(poor, "EUR", 100);
        var session = shop.session(5_000, "automatic");
        var refused = shop.pay(poor.token(), session, small);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.code()).isEqualTo("insufficient_funds");
        var usd = shop.fundedAccount(poor, "USD", 10_000);
        assertThat(shop.pay(poor.token(), session, usd).code()).isEqualTo("currency_mismatch");
        assertThat(shop.pay(poor.token(), session, wallet).status()).as("someone else's account").isEqualTo(404);
        assertThat(shop.pay(poor.token(), "cs_nonexistent", small).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/checkout/sessions/" + session).token(shop.apiKey).send().json().path("status")
                .asString()).isEqualTo("open");
        assertThat(shop.balance(poor.token(), small, "ledger")).isEqualTo(100);
    }

    @Test
    void aPaymentIsVisibleToItsMerchantAndPayerOnly() {
        var id = shop.paid(customer.token(), shop.session(700, "manual"), wallet);
        assertThat(api.get("/api/v1/payments/" + id).token(shop.apiKey).send().status()).isEqualTo(200);
        assertThat(api.get("/api/v1/payments/" + id).token(shop.merchant.token()).send().status()).isEqualTo(200);
        assertThat(api.get("/api/v1/payments/" + id).token(customer.token()).send().status()).isEqualTo(200);
        var stranger = newUser("stranger");
        var otherShop = newShop();
        assertThat(api.get("/api/v1/payments/" + id).token(stranger.token()).send().status()).isEqualTo(404);
        assertThat(api.get("/api/v1/payments/" + id).token(otherShop.apiKey).send().status()).isEqualTo(404);
        assertThat(api.post("/api/v1/payments/" + id + "/capture").token(otherShop.apiKey).send().status()).isEqualTo(404);
        assertThat(api.post("/api/v1/payments/" + id + "/cancel").token(customer.token()).send().status())
                .as("payment actions take the merchant's API key, never a person's session").isEqualTo(403);
        assertThat(api.get("/api/v1/payments/" + id).token(shop.apiKey).send().json().path("status").asString())
                .isEqualTo("requires_capture");
    }

    private dev.coffer.ledger.engine.HoldExpiry expiry() {
        return applicationContext.getBean(dev.coffer.ledger.engine.HoldExpiry.class);
    }
}
