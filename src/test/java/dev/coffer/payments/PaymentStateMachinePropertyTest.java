package dev.coffer.payments;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.ledger.LedgerVerifier;
import dev.coffer.ledger.engine.HoldExpiry;
import dev.coffer.support.IntegrationTest;
import dev.coffer.support.Shop;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Random sequences of pay, capture, cancel, refund and expiry (seeded; replay with {@code -Dcoffer.seed=…}),
 * compared step by step with a plain model of what each payment and each balance must be. After every step the
 * customer's and the merchant's balances must match the model; at the end the ledger verifier must pass.
 */
class PaymentStateMachinePropertyTest extends IntegrationTest {

    private static final int SEQUENCES = 4;
    private static final int STEPS = 30;
    private static final long START_BALANCE = 1_000_000;

    @Autowired
    HoldExpiry expiry;
    @Autowired
    LedgerVerifier verifier;

    /** The model: what a payment must look like. */
    static final class Model {
        final String id;
        final long amount;
        String status;
        long captured;
        long refunded;
        /** Canceled because its hold expired: a cancel is then answered 200, as the merchant's wish is met. */
        boolean expired;

        Model(String id, long amount, String status) {
            this.id = id;
            this.amount = amount;
            this.status = status;
            this.captured = "succeeded".equals(status) ? amount : 0;
        }
    }

    @Test
    void randomPaymentLifecyclesKeepMoneyWhereTheModelSays() {
        long seed = Long.getLong("coffer.seed", System.nanoTime());
        var random = new Random(seed);
        for (int s = 0; s < SEQUENCES; s++) {
            runSequence(random, seed, s);
        }
        assertThat(verifier.verify().problems()).as("seed %d", seed).isEmpty();
    }

    private void runSequence(Random random, long seed, int sequence) {
        var shop = newShop();
        var customer = newUser("shopper");
        var wallet = shop.fundedAccount(customer, "EUR", START_BALANCE);
        var payments = new ArrayList<Model>();
        var log = new ArrayList<String>();
        for (int step = 0; step < STEPS; step++) {
            var action = payments.isEmpty() ? 0 : random.nextInt(6);
            var target = payments.isEmpty() ? null : payments.get(random.nextInt(payments.size()));
            long amount = 1 + random.nextInt(5_000);
            log.add(action + " " + (target == null ? "-" : target.id + "/" + target.status) + " " + amount);
            var context = "seed " + seed + " sequence " + sequence + " steps " + log;
            switch (action) {
                case 0 -> {
                    var manual = random.nextBoolean();
                    var response = shop.pay(customer.token(), shop.session(amount, manual ? "manual" : "automatic"), wallet);
                    assertThat(response.status()).as(context).isEqualTo(201);
                    payments.add(new Model(response.json().path("id").asString(), amount,
                            manual ? "requires_capture" : "succeeded"));
                }
                case 1 -> capture(target, random, context, shop);
                case 2 -> {
                    var response = api.post("/api/v1/payments/" + target.id + "/cancel").token(shop.apiKey).send();
                    boolean allowed = "requires_capture".equals(target.status);
                    assertThat(response.status()).as(context).isEqualTo(allowed || target.expired ? 200 : 409);
                    if (allowed) {
                        target.status = "canceled";
                    }
                }
                case 3, 4 -> refund(target, random, context, shop);
                default -> {
                    clock.advance(Duration.ofDays(8));
                    expiry.releaseExpired();
                    payments.stream().filter(p -> "requires_capture".equals(p.status)).forEach(p -> {
                        p.status = "canceled";
                        p.expired = true;
                    });
                    customer = login(customer.id(), customer.email(), customer.password());
                }
            }
            check(shop, customer, wallet, payments, context);
        }
    }

    private void capture(Model target, Random random, String context, Shop shop) {
        long amount = 1 + random.nextInt((int) Math.min(target.amount + 10, Integer.MAX_VALUE));
        var response = api.post("/api/v1/payments/" + target.id + "/capture").token(shop.apiKey)
                .json(Map.of("amount", amount)).send();
        if (!"requires_capture".equals(target.status)) {
            assertThat(response.status()).as(context).isEqualTo(409);
        } else if (amount > target.amount) {
            assertThat(response.status()).as(context).isEqualTo(422);
        } else {
            assertThat(response.status()).as(context).isEqualTo(200);
            target.status = "succeeded";
            target.captured = amount;
        }
    }

    private void refund(Model target, Random random, String context, Shop shop) {
        long left = target.captured - target.refunded;
        long amount = random.nextInt(4) == 0 ? left + 1 : 1 + random.nextInt((int) Math.max(1, left));
        var response = shop.refund(target.id, amount);
        if (!"succeeded".equals(target.status)) {
            assertThat(response.status()).as(context).isEqualTo(409);
        } else if (amount > left) {
            assertThat(response.status()).as(context).isEqualTo(422);
        } else {
            assertThat(response.status()).as(context).isEqualTo(201);
            target.refunded += amount;
        }
    }

    private long balance(String accountId, String column) {
        return jdbc.sql("SELECT " + column + " FROM accounts WHERE id = :id").param("id", accountId)
                .query(Long.class).single();
    }

    private void check(Shop shop, TestUser customer, String wallet, List<Model> payments, String context) {
        long captured = payments.stream().mapToLong(p -> p.captured).sum();
        long refunded = payments.stream().mapToLong(p -> p.refunded).sum();
        long held = payments.stream().filter(p -> "requires_capture".equals(p.status)).mapToLong(p -> p.amount).sum();
        assertThat(balance(wallet, "ledger_balance")).as(context).isEqualTo(START_BALANCE - captured + refunded);
        assertThat(balance(wallet, "pending")).as(context).isEqualTo(held);
        assertThat(balance(shop.settlementAccount, "ledger_balance")).as(context).isEqualTo(captured - refunded);
        for (var model : payments) {
            var actual = api.get("/api/v1/payments/" + model.id).token(shop.apiKey).send().json();
            assertThat(actual.path("status").asString()).as(context).isEqualTo(model.status);
            assertThat(actual.path("amountCaptured").asLong()).as(context).isEqualTo(model.captured);
            assertThat(actual.path("amountRefunded").asLong()).as(context).isEqualTo(model.refunded);
        }
    }
}
