package dev.coffer.payments;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.support.Api;
import dev.coffer.support.IntegrationTest;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Two tabs, double clicks, impatient merchants: money moves once however many requests race. */
class PaymentConcurrencyTest extends IntegrationTest {

    private static final int THREADS = 20;

    @Test
    void twentyPaymentsOfOneSessionChargeOnce() throws Exception {
        var shop = newShop();
        var customer = newUser("racer");
        var wallet = shop.fundedAccount(customer, "EUR", 100_000);
        var session = shop.session(1_500, "automatic");
        var statuses = race(() -> new Api(port).post("/api/v1/checkout/sessions/" + session + "/pay")
                .token(customer.token()).header("Idempotency-Key", UUID.randomUUID().toString())
                .json(Map.of("accountId", wallet)).send().status());
        assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
        assertThat(statuses).filteredOn(s -> s != 201).allSatisfy(s -> assertThat(s).isEqualTo(409));
        assertThat(shop.balance(customer.token(), wallet, "ledger")).isEqualTo(100_000 - 1_500);
        long payments = jdbc.sql("SELECT count(*) FROM payments WHERE checkout_session_id = :s").param("s", session)
                .query(Long.class).single();
        assertThat(payments).isEqualTo(1);
    }

    @Test
    void twentyRefundsNeverExceedTheCapture() throws Exception {
        var shop = newShop();
        var customer = newUser("refunded");
        var wallet = shop.fundedAccount(customer, "EUR", 100_000);
        var payment = shop.paid(customer.token(), shop.session(10_000, "automatic"), wallet);
        var statuses = race(() -> new Api(port).post("/api/v1/payments/" + payment + "/refunds").token(shop.apiKey)
                .header("Idempotency-Key", UUID.randomUUID().toString()).json(Map.of("amount", 700)).send().status());
        long succeeded = statuses.stream().filter(s -> s == 201).count();
        assertThat(succeeded).isEqualTo(10_000 / 700);
        assertThat(statuses).filteredOn(s -> s != 201).allSatisfy(s -> assertThat(s).isEqualTo(422));
        var refunded = api.get("/api/v1/payments/" + payment).token(shop.apiKey).send().json().path("amountRefunded").asLong();
        assertThat(refunded).isEqualTo(succeeded * 700).isLessThanOrEqualTo(10_000);
        assertThat(shop.balance(customer.token(), wallet, "ledger")).isEqualTo(100_000 - 10_000 + refunded);
    }

    private static ConcurrentLinkedQueue<Integer> race(java.util.concurrent.Callable<Integer> request) throws Exception {
        var statuses = new ConcurrentLinkedQueue<Integer>();
        var start = new CountDownLatch(1);
        var pool = Executors.newFixedThreadPool(THREADS);
        for (int i = 0; i < THREADS; i++) {
            pool.submit(() -> {
                start.await();
                statuses.add(request.call());
                return null;
            });
        }
        start.countDown();
        pool.shutdown();
        assertThat(pool.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
        assertThat(statuses).hasSize(THREADS);
        return statuses;
    }
}
