package dev.coffer.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.coffer.CofferApplication;
import dev.coffer.identity.oauth.SigningKeys;
import dev.coffer.ledger.engine.HoldExpiry;
import dev.coffer.support.Api;
import dev.coffer.support.AppTokens;
import dev.coffer.support.IntegrationTest;
import dev.coffer.support.SseClient;
import dev.coffer.support.WebhookReceiver;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two Coffer nodes in one JVM on one PostgreSQL, as behind a load balancer: node A is the shared test context,
 * node B a second application context started here. Nothing a user relies on may live in one node's memory.
 */
class TwoNodesTest extends IntegrationTest {

    private static ConfigurableApplicationContext nodeB;

    @Autowired
    private MeterRegistry metersA;

    private Api apiB;

    @BeforeAll
    static void startNodeB() {
        nodeB = new SpringApplicationBuilder(CofferApplication.class).properties(
                "server.port=0",
                "spring.datasource.hikari.maximum-pool-size=6",
                "spring.datasource.hikari.pool-name=coffer-node-b",
                "coffer.webhooks.allow-private-targets=true",
                "coffer.webhooks.retry-delays=PT0.3S,PT0.6S",
                "coffer.webhooks.timeout=PT1S",
                "coffer.webhooks.poll-interval=PT0.1S").run();
    }

    @AfterAll
    static void stopNodeB() {
        if (nodeB != null) {
            nodeB.close();
        }
    }

    @BeforeEach
    void clientForNodeB() {
        apiB = new Api(portB());
    }

    private static int portB() {
        return ((WebServerApplicationContext) nodeB).getWebServer().getPort();
    }

    @Test
    void anAppsCodeIssuedByOneNodeIsRedeemedAtTheOtherAndTheNodesShareSigningKeys() {
        var merchant = newUser("app-maker");
        grantRoles(merchant.id(), "customer", "merchant");
        var redirect = "http://localhost:9/callback";
        var scopes = List.of("openid", "accounts:read");
        var client = AppTokens.register(api, merchant.token(), redirect, scopes, false);
        var user = newUser("two-node-user");
        var portB = ((WebServerApplicationContext) nodeB).getWebServer().getPort();
        var onA = new AppTokens(port);
        var onB = new AppTokens(portB);

        var code = onA.authorize(user.token(), client.id(), redirect, scopes);
        var exchanged = onB.exchange(code, client, redirect);
        assertThat(exchanged.statusCode()).as(exchanged.body()).isEqualTo(200);
        var tokens = Api.json().readTree(exchanged.body());
        var access = tokens.path("access_token").asString();
        assertThat(api.get("/api/v1/accounts").token(access).send().status()).isEqualTo(200);
        assertThat(apiB.get("/api/v1/accounts").token(access).send().status()).isEqualTo(200);
        assertThat(apiB.get("/oauth2/jwks").send().json()).isEqualTo(api.get("/oauth2/jwks").send().json());

        // A key rotated on node B signs B's next tokens; node A verifies them at once (it looks the new kid up).
        var newKid = nodeB.getBean(SigningKeys.class).rotate();
        var refreshed = onB.refresh(tokens.path("refresh_token").asString(), client);
        assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
        var rotatedAccess = Api.json().readTree(refreshed.body()).path("access_token").asString();
        var header = new String(java.util.Base64.getUrlDecoder().decode(rotatedAccess.split("\\.")[0]),
                java.nio.charset.StandardCharsets.UTF_8);
        assertThat(header).contains(newKid);
        assertThat(api.get("/api/v1/accounts").token(rotatedAccess).send().status()).isEqualTo(200);
        assertThat(api.get("/oauth2/jwks").send().body()).contains(newKid);
        assertThat(jdbc.sql("SELECT count(*) FROM oauth_signing_keys WHERE retired_at IS NULL").query(Long.class)
                .single()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void tokensAndRefreshTokensAndLogoutsHoldAcrossNodes() {
        var alice = newUser("alice");
        var onB = apiB.get("/api/v1/me").token(alice.token()).send();
        assertThat(onB.status()).as(onB.toString()).isEqualTo(200);
        assertThat(onB.json().path("id").asString()).isEqualTo(alice.id());

        var refreshedOnB = apiB.post("/api/v1/sessions/refresh").json(Map.of("refreshToken", alice.refreshToken()))
                .send();
        assertThat(refreshedOnB.status()).as(refreshedOnB.toString()).isEqualTo(201);
        var reuseOnA = api.post("/api/v1/sessions/refresh").json(Map.of("refreshToken", alice.refreshToken())).send();
        assertThat(reuseOnA.status()).as("a refresh token is single-use across nodes").isEqualTo(401);

        var newToken = refreshedOnB.json().path("token").asString();
        assertThat(apiB.get("/api/v1/me").token(newToken).send().status())
                .as("reuse on A revoked the whole session, also for B").isEqualTo(401);

        var again = login(alice.id(), alice.email(), alice.password());
        assertThat(apiB.delete("/api/v1/sessions/current").token(again.token()).send().status()).isEqualTo(204);
        assertThat(api.get("/api/v1/me").token(again.token()).send().status()).isEqualTo(401);
    }

    @Test
    void aLockoutEarnedOnOneNodeHoldsOnTheOther() {
        var bob = newUser("bob");
        for (int attempt = 1; attempt <= 5; attempt++) {
            var node = attempt % 2 == 0 ? apiB : api;
            var wrong = node.post("/api/v1/sessions").json(Map.of("email", bob.email(), "password", "wrong " + attempt))
                    .send();
            assertThat(wrong.status()).as(wrong.toString()).isEqualTo(401);
        }
        var rightOnB = apiB.post("/api/v1/sessions").json(Map.of("email", bob.email(), "password", bob.password()))
                .send();
        assertThat(rightOnB.status()).as(rightOnB.toString()).isEqualTo(429);
        assertThat(rightOnB.code()).isEqualTo("too_many_attempts");
        var rightOnA = api.post("/api/v1/sessions").json(Map.of("email", bob.email(), "password", bob.password()))
                .send();
        assertThat(rightOnA.code()).isEqualTo("too_many_attempts");
    }

    @Test
    void withBothNodesDeliveringEachWebhookEventArrivesOnce() throws Exception {
        var shop = newShop();
        var customer = newUser("buyer");
        var wallet = shop.fundedAccount(customer, "EUR", 1_000_000);
        var metersB = nodeB.getBean(MeterRegistry.class);
        double deliveredByA = delivered(metersA);
        double deliveredByB = delivered(metersB);
        try (var receiver = new WebhookReceiver()) {
            var endpoint = api.post("/api/v1/webhook-endpoints").token(shop.apiKey)
                    .json(Map.of("url", receiver.url(), "events", List.of("payment.succeeded"))).send();
            assertThat(endpoint.status()).as(endpoint.toString()).isEqualTo(201);
            int payments = 40;
            for (int i = 0; i < payments; i++) {
                // Alternate the nodes, as a load balancer would: each node's worker is woken by its own commits
                // and both poll for the rest.
                var node = i % 2 == 0 ? api : apiB;
                var session = shop.session(100 + i, "automatic");
                var paid = node.post("/api/v1/checkout/sessions/" + session + "/pay").token(customer.token())
                        .header("Idempotency-Key", UUID.randomUUID().toString())
                        .json(Map.of("accountId", wallet)).send();
                assertThat(paid.status()).as(paid.toString()).isEqualTo(201);
            }
            await().atMost(Duration.ofSeconds(15)).until(() -> receiver.received().size() >= payments);
            Thread.sleep(1_000); // a duplicate would arrive within the poll interval
            var perEvent = new HashMap<String, Integer>();
            receiver.received().forEach(r -> perEvent.merge(r.header("Coffer-Event-Id"), 1, Integer::sum));
            assertThat(perEvent).hasSize(payments);
            assertThat(perEvent.values()).as("deliveries per event").containsOnly(1);
        }
        assertThat(delivered(metersA) - deliveredByA).as("node A delivered some").isPositive();
        assertThat(delivered(metersB) - deliveredByB).as("node B delivered some").isPositive();
    }

    @Test
    void expiredHoldsAreReleasedOnceWhenBothNodesSweepAtTheSameTime() throws Exception {
        var shop = newShop();
        var customer = newUser("holder");
        var wallet = shop.fundedAccount(customer, "EUR", 100_000);
        var payments = new ArrayList<String>();
        for (int i = 0; i < 20; i++) {
            payments.add(shop.paid(customer.token(), shop.session(1_000, "manual"), wallet));
        }
        assertThat(shop.balance(customer.token(), wallet, "available")).isEqualTo(80_000);
        jdbc.sql("UPDATE holds SET expires_at = now() - interval '1 second' WHERE status = 'pending' "
                + "AND account_id = :wallet").param("wallet", wallet).update();

        var sweepers = List.of(applicationContext.getBean(HoldExpiry.class), nodeB.getBean(HoldExpiry.class));
        var sweeps = new ArrayList<Future<Integer>>();
        try (var pool = Executors.newFixedThreadPool(4)) {
            for (int round = 0; round < 8; round++) {
                for (var sweeper : sweepers) {
                    sweeps.add(pool.submit(sweeper::releaseBatch));
                }
            }
        }
        for (var sweep : sweeps) {
            sweep.get(); // a sweep that tripped over the other node's work would throw here
        }
        // Released twice, a hold would give its money back twice: available above the deposit, or a broken
        // constraint (pending >= 0). The scheduled sweeps of both nodes may take part too.
        assertThat(jdbc.sql("SELECT count(*) FROM holds WHERE account_id = :wallet AND status = 'expired'")
                .param("wallet", wallet).query(Long.class).single()).isEqualTo(20);
        assertThat(shop.balance(customer.token(), wallet, "available")).isEqualTo(100_000);
        assertThat(shop.balance(customer.token(), wallet, "pending")).isZero();
        for (var payment : payments) {
            assertThat(api.get("/api/v1/payments/" + payment).token(shop.apiKey).send().json().path("status")
                    .asString()).isEqualTo("canceled");
        }
        var verification = api.get("/api/v1/admin/ledger/verification").token(shop.admin.token()).send();
        assertThat(verification.json().path("ok").asBoolean()).as(verification.toString()).isTrue();
    }

    @Test
    void anEventCommittedOnOneNodeReachesAStreamOpenOnTheOther() throws Exception {
        var shop = newShop();
        var alice = newUser("alice");
        var bob = newUser("bob");
        var from = shop.fundedAccount(alice, "EUR", 10_000);
        var to = shop.fundedAccount(bob, "EUR", 0);
        try (var streamOnB = SseClient.open(portB(), bob.token(), null)) {
            var sent = api.post("/api/v1/transfers").token(alice.token())
                    .header("Idempotency-Key", UUID.randomUUID().toString())
                    .json(Map.of("fromAccountId", from, "toAccountId", to, "amount", 1_234, "currency", "EUR")).send();
            assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
            var transferId = sent.json().path("id").asString();
            SseClient.Event received = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (received == null && System.nanoTime() < deadline) {
                var event = streamOnB.next(Duration.ofSeconds(1));
                if (event != null && "transfer.received".equals(event.name()) && event.data().contains(transferId)) {
                    received = event;
                }
            }
            assertThat(received).as("transfer.received committed on node A, streamed by node B").isNotNull();
        }
    }

    private static double delivered(MeterRegistry meters) {
        var counter = meters.find("coffer.webhooks.deliveries").tag("outcome", "succeeded").counter();
        return counter == null ? 0 : counter.count();
    }
}
