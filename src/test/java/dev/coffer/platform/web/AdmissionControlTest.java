package dev.coffer.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.support.Api;
import dev.coffer.support.IntegrationTest;
import java.util.ArrayList;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * A flood of API requests beyond the admission bound: the excess is answered 503 {@code server_busy} with
 * {@code Retry-After} at once, the admitted requests succeed, nothing else fails, and the money adds up.
 */
@TestPropertySource(properties = {"coffer.http.admission.max-in-flight=4", "coffer.http.admission.max-wait=0ms"})
class AdmissionControlTest extends IntegrationTest {

    private static final int FLOOD = 200;
    private static final long AMOUNT = 7;

    @Test
    void aFloodIsShedQuicklyAndTheAdmittedRequestsSucceed() throws Exception {
        var bank = newShop();
        var alice = newUser("alice");
        var bob = newUser("bob");
        var from = bank.fundedAccount(alice, "EUR", 1_000_000);
        var to = bank.fundedAccount(bob, "EUR", 0);
        var start = new CountDownLatch(1);
        var answers = new ArrayList<Future<Api.Response>>();
        try (var senders = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < FLOOD; i++) {
                answers.add(senders.submit(() -> {
                    var client = new Api(port);
                    start.await();
                    return client.post("/api/v1/transfers").token(alice.token())
                            .header("Idempotency-Key", UUID.randomUUID().toString())
                            .json(Map.of("fromAccountId", from, "toAccountId", to, "amount", AMOUNT,
                                    "currency", "EUR")).send();
                }));
            }
            start.countDown();
        }
        var shed = new ArrayList<Api.Response>();
        int posted = 0;
        for (var answer : answers) {
            var response = answer.get();
            if (response.status() == 503) {
                assertThat(response.code()).isEqualTo("server_busy");
                assertThat(response.header("Retry-After")).isEqualTo("1");
                assertThat(response.contentType()).startsWith("application/problem+json");
                shed.add(response);
            } else {
                assertThat(response.status()).as(response.toString()).isEqualTo(201);
                posted++;
            }
        }
        assertThat(shed).as("4 in flight at most: a simultaneous flood of %d is mostly shed", FLOOD).isNotEmpty();
        assertThat(posted).isPositive();
        long balance = jdbc.sql("SELECT ledger_balance FROM accounts WHERE id = :id").param("id", to)
                .query(Long.class).single();
        assertThat(balance).isEqualTo(posted * AMOUNT);

        var afterwards = api.get("/api/v1/me").token(alice.token()).send();
        assertThat(afterwards.status()).as("slots are given back").isEqualTo(200);
        assertThat(api.get("/actuator/health/readiness").send().status()).as("not an API route").isEqualTo(200);
    }

    @Test
    void whileEverySlotIsTakenRequestsAreShedInMilliseconds() {
        var alice = newUser("alice");
        var client = new Api(port);
        assertThat(client.get("/api/v1/me").token(alice.token()).send().status()).isEqualTo(200);
        var slots = applicationContext.getBean(AdmissionFilter.class).slots();
        int taken = slots.drainPermits();
        var roundTrips = new ArrayList<Long>();
        try {
            for (int i = 0; i < 50; i++) {
                var response = client.get("/api/v1/me").token(alice.token()).send();
                assertThat(response.status()).isEqualTo(503);
                assertThat(response.code()).isEqualTo("server_busy");
                assertThat(response.header("Retry-After")).isEqualTo("1");
                roundTrips.add(response.roundTripNanos() / 1_000);
            }
            assertThat(client.get("/v3/api-docs").send().status()).as("only /api routes are limited").isEqualTo(200);
        } finally {
            slots.release(taken);
        }
        var sorted = roundTrips.stream().sorted().toList();
        assertThat(sorted.get(sorted.size() / 2)).as("median round trip of a shed request, µs (all: %s)", sorted)
                .isLessThan(10_000);
        assertThat(client.get("/api/v1/me").token(alice.token()).send().status()).isEqualTo(200);
    }
}
