package dev.coffer.jar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.coffer.support.WebhookReceiver;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The crash test's checkout traffic: a merchant's server creates checkout sessions (API key, idempotency key) and
 * customers pay them from their wallets (idempotency key; one in ten sent twice). A webhook endpoint in this JVM
 * receives {@code payment.succeeded}. Afterwards every acknowledged payment exists and succeeded, balances match,
 * and every acknowledged payment's event has been delivered (at least once), including those whose delivery was
 * cut short by a kill.
 */
final class PaymentWorkload extends CrashWorkload<PaymentWorkload.Intent> {

    // Under the four-eyes threshold (1,000,000): one admin funds it.
    private static final long FUNDS = 999_000;

    record Intent(String sessionKey, String payKey, String token, String account, long amount) {
    }

    private final JarClient client;
    private final WebhookReceiver receiver;
    private final List<String[]> payers = new ArrayList<>();
    private final Map<String, String> sessions = new ConcurrentHashMap<>();
    private String merchant;
    private String apiKey;
    private String settlement;

    PaymentWorkload(JarClient client, WebhookReceiver receiver) {
        this.client = client;
        this.receiver = receiver;
    }

    void setUp(String adminToken, long seed) throws Exception {
        var email = "crash-shop-" + seed + "@example.com";
        var merchantId = client.required("/api/v1/users", null, null, Map.of("email", email,
                "password", CrashIT.PASSWORD, "displayName", "Crash Pizza")).path("id").asString();
        client.required("/api/v1/admin/users/" + merchantId + "/roles", adminToken, null,
                Map.of("roles", List.of("customer", "merchant")));
        merchant = client.login(email, CrashIT.PASSWORD);
        apiKey = client.required("/api/v1/merchant/api-keys", merchant, null, Map.of("name", "server"))
                .path("secret").asString();
        settlement = client.required("/api/v1/accounts", merchant, null,
                Map.of("currency", "EUR", "name", "Takings")).path("id").asString();
        client.required("/api/v1/webhook-endpoints", apiKey, null,
                Map.of("url", receiver.url(), "events", List.of("payment.succeeded")));
        for (int p = 0; p < 2; p++) {
            var payerEmail = "crash-payer-" + p + "-" + seed + "@example.com";
            client.required("/api/v1/users", null, null, Map.of("email", payerEmail, "password", CrashIT.PASSWORD,
                    "displayName", "Payer " + p));
            var token = client.login(payerEmail, CrashIT.PASSWORD);
            var account = client.required("/api/v1/accounts", token, null, Map.of("currency", "EUR", "name", "W"))
                    .path("id").asString();
            client.required("/api/v1/admin/accounts/" + account + "/deposits", adminToken,
                    UUID.randomUUID().toString(), Map.of("amount", FUNDS, "reference", "crash test"));
            payers.add(new String[] {account, token});
        }
    }

    @Override
    Intent next(Random random) {
        var payer = payers.get(random.nextInt(payers.size()));
        return new Intent(UUID.randomUUID().toString(), UUID.randomUUID().toString(), payer[1], payer[0],
                100 + random.nextInt(5_000));
    }

    @Override
    String key(Intent intent) {
        return intent.payKey();
    }

    void check(long seed) throws Exception {
        var total = new LongAdder();
        var paidBy = new ConcurrentHashMap<String, Long>();
        var acknowledged = ConcurrentHashMap.<String>newKeySet();
        CrashIT.checkEach(answers.entrySet(), entry -> {
            var intent = intents.get(entry.getKey());
            assertThat(send(intent)).as("replay of payment %s (seed %d)", entry.getKey(), seed)
                    .isEqualTo(entry.getValue());
            if (entry.getValue().status() == 201) {
                var payment = client.getJson("/api/v1/payments/" + entry.getValue().value(), apiKey);
                assertThat(payment.path("status").asString()).as(payment.toString()).isEqualTo("succeeded");
                assertThat(payment.path("amount").asLong()).isEqualTo(intent.amount());
                acknowledged.add(entry.getValue().value());
                total.add(intent.amount());
                paidBy.merge(intent.account(), intent.amount(), Long::sum);
            }
        });
        for (var payer : payers) {
            assertThat(balance(payer[0], payer[1])).as("payer %s (seed %d)", payer[0], seed)
                    .isEqualTo(FUNDS - paidBy.getOrDefault(payer[0], 0L));
        }
        assertThat(total.sum()).as("money paid in all").isPositive();
        assertThat(balance(settlement, merchant)).as("merchant's takings (seed %d)", seed).isEqualTo(total.sum());
        checkDelivered(acknowledged, seed);
    }

    /** Every acknowledged payment's event reaches the endpoint, also those whose delivery a kill cut short. */
    private void checkDelivered(Set<String> acknowledged, long seed) {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            var delivered = new HashSet<String>();
            for (var received : receiver.received()) {
                delivered.add(JarClient.JSON.readTree(received.body()).path("data").path("id").asString());
            }
            assertThat(delivered).as("payment.succeeded delivered (seed %d)", seed).containsAll(acknowledged);
        });
    }

    private long balance(String account, String token) throws Exception {
        return client.getJson("/api/v1/accounts/" + account, token).path("balance").path("ledger").asLong();
    }

    /** Creates the session (once per key) and pays it; null when either step got no answer. */
    @Override
    CrashIT.Answer send(Intent intent) {
        try {
            var session = sessions.get(intent.sessionKey());
            if (session == null) {
                var created = client.post("/api/v1/checkout/sessions", apiKey, intent.sessionKey(), Map.of(
                        "currency", "EUR", "captureMethod", "automatic", "settlementAccountId", settlement,
                        "lineItems", List.of(Map.of("name", "Pizza", "quantity", 1, "unitAmount", intent.amount()))));
                if (created.statusCode() != 201) {
                    assertThat(created.statusCode()).as(created.body()).isGreaterThanOrEqualTo(500);
                    return null;
                }
                session = JarClient.JSON.readTree(created.body()).path("id").asString();
                sessions.put(intent.sessionKey(), session);
            }
            var paid = client.post("/api/v1/checkout/sessions/" + session + "/pay", intent.token(), intent.payKey(),
                    Map.of("accountId", intent.account()));
            return CrashIT.answerOf(paid);
        } catch (IOException | InterruptedException e) {
            return null;
        }
    }
}
