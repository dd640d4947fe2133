package dev.coffer.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.coffer.ledger.LedgerVerifier;
import dev.coffer.support.Api;
import dev.coffer.support.ExtraNode;
import dev.coffer.support.IntegrationTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Exactly once across a cluster: two nodes with the stored test clock on one database, many monthly subscriptions,
 * the clock jumped a year ahead at once. Both nodes' schedulers race to catch up twelve periods of every
 * subscription; each period must be billed and charged exactly once, and the books must balance.
 */
class RenewalsExactlyOnceTest extends IntegrationTest {

    static final int CUSTOMERS = Integer.getInteger("coffer.test.renewals.customers", 20);
    static final int SUBSCRIPTIONS_EACH = Integer.getInteger("coffer.test.renewals.per-customer", 10);
    static final long AMOUNT = 999;
    static final int PERIODS = 12;

    private static ExtraNode nodeA;
    private static ExtraNode nodeB;

    @Autowired
    private LedgerVerifier verifier;

    @BeforeAll
    static void startTwoTestClockNodes() {
        nodeA = ExtraNode.start("renew-a", "coffer.test-clock=true", "coffer.identity.logins-per-ip-per-minute=5000",
                "coffer.identity.registrations-per-ip-per-minute=5000");
        nodeB = ExtraNode.start("renew-b", "coffer.test-clock=true");
    }

    @AfterAll
    static void stopNodes() {
        for (var node : new ExtraNode[] {nodeA, nodeB}) {
            if (node != null) {
                node.close();
            }
        }
    }

    @Test
    void aYearJumpedAtOnceBillsEveryPeriodOfEverySubscriptionExactlyOnce() throws Exception {
        var a = nodeA.api();
        var admin = user(a, "renew-admin", "customer", "admin");
        var merchant = user(a, "renew-merchant", "customer", "merchant");
        var key = a.post("/api/v1/merchant/api-keys").token(merchant.token()).json(Map.of("name", "server")).send()
                .json().path("secret").asString();
        var settlement = account(a, merchant, admin, 0);
        var price = a.post("/api/v1/prices").token(key).json(Map.of("productName", "Streaming", "amount", AMOUNT,
                "currency", "EUR", "interval", "month")).send().json().path("id").asString();

        var customerAccounts = new ArrayList<String>();
        var subscriptionIds = new ArrayList<String>();
        try (var pool = Executors.newFixedThreadPool(4)) {
            var setUps = new ArrayList<Callable<List<String>>>();
            for (int c = 0; c < CUSTOMERS; c++) {
                setUps.add(() -> {
                    var customer = user(a, "renew-customer");
                    var account = account(a, customer, admin, AMOUNT * (PERIODS + 1) * SUBSCRIPTIONS_EACH);
                    var ids = new ArrayList<String>();
                    ids.add(account);
                    for (int s = 0; s < SUBSCRIPTIONS_EACH; s++) {
                        var session = a.post("/api/v1/checkout/sessions").token(key)
                                .header("Idempotency-Key", UUID.randomUUID().toString())
                                .json(Map.of("mode", "subscription", "priceId", price,
                                        "settlementAccountId", settlement)).send().json().path("id").asString();
                        var paid = a.post("/api/v1/checkout/sessions/" + session + "/pay").token(customer.token())
                                .header("Idempotency-Key", UUID.randomUUID().toString())
                                .json(Map.of("accountId", account)).send();
                        assertThat(paid.status()).as(paid.toString()).isEqualTo(201);
                    }
                    return ids;
                });
            }
            for (var done : pool.invokeAll(setUps)) {
                customerAccounts.add(done.get().getFirst());
            }
        }
        subscriptionIds.addAll(jdbc.sql("SELECT id FROM subscriptions WHERE price_id = :price").param("price", price)
                .query(String.class).list());
        int subscriptions = CUSTOMERS * SUBSCRIPTIONS_EACH;
        assertThat(subscriptionIds).hasSize(subscriptions);

        var jumped = a.post("/api/v1/admin/test-clock").token(admin.token()).json(Map.of("advanceBy", "P1Y")).send();
        assertThat(jumped.status()).as(jumped.toString()).isEqualTo(200);
        long started = System.nanoTime();
        long expected = (long) subscriptions * (PERIODS + 1);
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                .until(() -> paidInvoices(price) == expected);
        System.out.printf("renewals: %d periods billed in %.1f s by two nodes%n", (long) subscriptions * PERIODS,
                (System.nanoTime() - started) / 1e9);

        // One invoice per subscription and period 0..12, each paid by exactly one ledger transfer.
        assertThat(jdbc.sql("""
                SELECT count(*) FROM (SELECT i.subscription_id, i.period_index, count(*) AS n FROM invoices i
                    JOIN subscriptions s ON s.id = i.subscription_id WHERE s.price_id = :price
                    GROUP BY 1, 2) t WHERE n = 1 AND period_index BETWEEN 0 AND :last""")
                .param("price", price).param("last", PERIODS).query(Long.class).single()).isEqualTo(expected);
        assertThat(jdbc.sql("""
                SELECT count(*) FROM transfers t JOIN invoices i ON t.reference = i.id
                    JOIN subscriptions s ON s.id = i.subscription_id WHERE s.price_id = :price""")
                .param("price", price).query(Long.class).single()).isEqualTo((long) subscriptions * PERIODS);
        assertThat(jdbc.sql("""
                SELECT count(*) FROM (SELECT t.reference FROM transfers t JOIN invoices i ON t.reference = i.id
                    GROUP BY 1 HAVING count(*) > 1) doubled""").query(Long.class).single()).isZero();
        var merchantToken = login(a, merchant).token();
        assertThat(balance(a, merchantToken, settlement)).isEqualTo(expected * AMOUNT);
        assertThat(jdbc.sql("SELECT sum(ledger_balance - pending) FROM accounts WHERE id = ANY(:ids::text[])")
                .param("ids", "{" + String.join(",", customerAccounts) + "}").query(Long.class).single())
                .isZero();
        assertThat(verifier.verify().ok()).isTrue();

        // Leave nothing due for later tests' clocks: the merchant ends every subscription now.
        for (var id : subscriptionIds) {
            assertThat(nodeB.api().post("/api/v1/merchant/subscriptions/" + id + "/cancel").token(key).send()
                    .status()).isEqualTo(200);
        }
    }

    private long paidInvoices(String price) {
        return jdbc.sql("""
                SELECT count(*) FROM invoices i JOIN subscriptions s ON s.id = i.subscription_id
                WHERE s.price_id = :price AND i.status = 'paid'""").param("price", price).query(Long.class).single();
    }

    private TestUser user(Api node, String name, String... roles) {
        var email = uniqueEmail(name);
        var created = node.post("/api/v1/users").json(Map.of("email", email, "password", PASSWORD,
                "displayName", name)).send();
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        var id = created.json().path("id").asString();
        if (roles.length > 0) {
            grantRoles(id, roles);
        }
        return login(node, new TestUser(id, email, PASSWORD, null, null));
    }

    private static TestUser login(Api node, TestUser user) {
        var session = node.post("/api/v1/sessions").json(Map.of("email", user.email(), "password", user.password()))
                .send();
        assertThat(session.status()).as(session.toString()).isEqualTo(201);
        return new TestUser(user.id(), user.email(), user.password(), session.json().path("token").asString(),
                session.json().path("refreshToken").asString());
    }

    private static String account(Api node, TestUser owner, TestUser admin, long funds) {
        var account = node.post("/api/v1/accounts").token(owner.token())
                .json(Map.of("currency", "EUR", "name", "Wallet")).send();
        assertThat(account.status()).as(account.toString()).isEqualTo(201);
        var id = account.json().path("id").asString();
        if (funds > 0) {
            var deposit = node.post("/api/v1/admin/accounts/" + id + "/deposits").token(admin.token())
                    .header("Idempotency-Key", UUID.randomUUID().toString())
                    .json(Map.of("amount", funds, "reference", "renewals")).send();
            assertThat(deposit.status()).as(deposit.toString()).isEqualTo(201);
        }
        return id;
    }

    private static long balance(Api node, String token, String account) {
        return node.get("/api/v1/accounts/" + account).token(token).send().json().path("balance").path("available")
                .asLong();
    }
}
