package dev.coffer.ledger.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.support.Api;
import dev.coffer.support.TwoCustomersTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Spending limits: set by the owner, lowered at once, raised 24 h later, enforced under the account lock. */
class SpendingLimitsTest extends TwoCustomersTest {

    @Override
    protected long aliceFunds() {
        return 200_000;
    }

    @Test
    void fiftyConcurrentTransfersNeverTogetherPassTheDailyLimit() throws Exception {
        clock.freezeAt(Instant.now());
        assertThat(putLimits(Map.of("daily", 10_000)).status()).isEqualTo(200);
        var pool = Executors.newFixedThreadPool(16);
        var tasks = new ArrayList<Callable<Api.Response>>();
        for (int i = 0; i < 50; i++) {
            tasks.add(() -> transfer(250));
        }
        var answers = new ArrayList<Api.Response>();
        for (var future : pool.invokeAll(tasks)) {
            answers.add(future.get());
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
        var posted = answers.stream().filter(a -> a.status() == 201).count();
        var refused = answers.stream().filter(a -> "limit_exceeded".equals(a.code())).count();
        assertThat(posted).as("exactly the daily limit's worth passes").isEqualTo(40);
        assertThat(refused).isEqualTo(10);
        assertThat(balance(bobEur)).isEqualTo(10_000);
        assertThat(transfer(1).code()).isEqualTo("limit_exceeded");
    }

    @Test
    void loweringAppliesAtOnceAndRaisingAfterTwentyFourHours() {
        clock.freezeAt(Instant.parse("2026-06-10T08:00:00Z"));
        var lowered = putLimits(Map.of("daily", 1_000, "perTransfer", 800));
        assertThat(lowered.status()).as(lowered.toString()).isEqualTo(200);
        assertThat(lowered.json().path("daily").asLong()).isEqualTo(1_000);
        assertThat(lowered.json().path("pending").path("effectiveAt").isNull()).isTrue();
        assertThat(transfer(900).code()).isEqualTo("limit_exceeded");
        assertThat(transfer(800).status()).isEqualTo(201);
        assertThat(transfer(300).code()).as("800 + 300 passes the day's 1,000").isEqualTo("limit_exceeded");

        var raised = putLimits(Map.of("daily", 5_000, "perTransfer", 800));
        assertThat(raised.json().path("daily").asLong()).as("still the old limit").isEqualTo(1_000);
        assertThat(raised.json().path("pending").path("daily").asLong()).isEqualTo(5_000);
        assertThat(raised.json().path("pending").path("effectiveAt").asString())
                .isEqualTo("2026-06-11T08:00:00Z");
        assertThat(transfer(300).code()).isEqualTo("limit_exceeded");

        clock.freezeAt(Instant.parse("2026-06-11T07:59:59Z"));
        assertThat(getLimits().json().path("daily").asLong()).isEqualTo(1_000);
        clock.freezeAt(Instant.parse("2026-06-11T08:00:00Z"));
        var matured = getLimits().json();
        assertThat(matured.path("daily").asLong()).isEqualTo(5_000);
        assertThat(matured.path("pending").path("effectiveAt").isNull()).isTrue();
        assertThat(transfer(800).status()).isEqualTo(201);
        assertThat(transfer(800).status()).isEqualTo(201);

        // Lowering below what was spent today stops spending at once.
        assertThat(putLimits(Map.of("daily", 1_000)).json().path("daily").asLong()).isEqualTo(1_000);
        assertThat(transfer(1).code()).isEqualTo("limit_exceeded");
        // Removing a limit is a raise too; the per-transfer limit, absent from this request, went the same way.
        var removed = putLimits(Map.of()).json();
        assertThat(removed.path("daily").asLong()).isEqualTo(1_000);
        assertThat(removed.path("perTransfer").isNull()).as("lifting 800 to none waits").isFalse();
        assertThat(removed.path("pending").path("daily").isNull()).isTrue();
        clock.freezeAt(Instant.parse("2026-06-12T08:00:00Z"));
        assertThat(getLimits().json().path("daily").isNull()).isTrue();
        assertThat(transfer(5_000).status()).isEqualTo(201);
    }

    @Test
    void theMonthlyLimitCountsTheWholeCalendarMonth() {
        clock.freezeAt(Instant.parse("2026-07-30T10:00:00Z"));
        assertThat(putLimits(Map.of("monthly", 2_000)).status()).isEqualTo(200);
        assertThat(transfer(1_500).status()).isEqualTo(201);
        clock.freezeAt(Instant.parse("2026-07-31T10:00:00Z"));
        assertThat(transfer(600).code()).isEqualTo("limit_exceeded");
        assertThat(transfer(500).status()).isEqualTo(201);
        clock.freezeAt(Instant.parse("2026-08-01T00:00:00Z"));
        assertThat(transfer(2_000).status()).as("a new month").isEqualTo(201);
        assertThat(transfer(1).code()).isEqualTo("limit_exceeded");
    }

    @Test
    void aHeldPaymentCountsUntilItIsCanceledAndSpendingBeforeTheLimitsCounts() {
        assertThat(transfer(1_000).status()).isEqualTo(201);
        assertThat(putLimits(Map.of("daily", 6_000)).status()).isEqualTo(200);
        var payment = bank.paid(alice.token(), bank.session(4_000, "manual"), aliceEur);
        assertThat(transfer(1_001).code()).as("1,000 sent before the limits + 4,000 held").isEqualTo("limit_exceeded");
        var canceled = api.post("/api/v1/payments/" + payment + "/cancel").token(bank.apiKey).send();
        assertThat(canceled.status()).as(canceled.toString()).isEqualTo(200);
        assertThat(transfer(5_000).status()).as("the canceled hold no longer counts").isEqualTo(201);
        assertThat(transfer(1).code()).isEqualTo("limit_exceeded");
    }

    @Test
    void limitsAreTheOwnersOnly() {
        assertThat(api.get("/api/v1/accounts/" + aliceEur + "/limits").token(bob.token()).send().status())
                .isEqualTo(404);
        var put = api.put("/api/v1/accounts/" + aliceEur + "/limits").token(bob.token()).json(Map.of("daily", 1))
                .send();
        assertThat(put.status()).isEqualTo(404);
        assertThat(getLimits().json().path("daily").isNull()).isTrue();
        assertThat(api.get("/api/v1/accounts/" + aliceEur + "/limits").send().status()).isEqualTo(401);
    }

    @Test
    void badInputIsRefusedAndChangesNothing() {
        assertThat(putLimits(Map.of("daily", 5_000)).status()).isEqualTo(200);
        for (var body : new String[] {"{\"daily\":0}", "{\"daily\":-5}", "{\"daily\":\"ten\"}",
                "{\"daily\":1000000000000001}", "{\"weekly\":5}", "[]", "{\"daily\":1.5}"}) {
            var answer = api.put("/api/v1/accounts/" + aliceEur + "/limits").token(alice.token())
                    .body("application/json", body).send();
            assertThat(answer.status()).as(body + " → " + answer).isBetween(400, 499);
            assertThat(answer.contentType()).startsWith("application/problem+json");
        }
        var limits = getLimits().json();
        assertThat(limits.path("daily").asLong()).isEqualTo(5_000);
        assertThat(limits.path("pending").path("effectiveAt").isNull()).isTrue();
    }

    private Api.Response putLimits(Map<String, ?> body) {
        return api.put("/api/v1/accounts/" + aliceEur + "/limits").token(alice.token()).json(new HashMap<>(body))
                .send();
    }

    private Api.Response getLimits() {
        return api.get("/api/v1/accounts/" + aliceEur + "/limits").token(alice.token()).send();
    }

    private Api.Response transfer(long amount) {
        return api.post("/api/v1/transfers").token(alice.token())
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .json(Map.of("fromAccountId", aliceEur, "toAccountId", bobEur, "amount", amount, "currency", "EUR"))
                .send();
    }

    private long balance(String account) {
        return jdbc.sql("SELECT ledger_balance FROM accounts WHERE id = :id").param("id", account).query(Long.class)
                .single();
    }
}
